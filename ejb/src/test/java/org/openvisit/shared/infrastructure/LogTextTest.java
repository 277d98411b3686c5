package org.openvisit.shared.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {

    @Test
    void controlCharactersCannotStartALineAndLongValuesAreCut() {
        assertThat(LogText.of("alice\r\n2026-01-01 INFO forged")).isEqualTo("alice??2026-01-01 INFO forged");
        assertThat(LogText.of("tab\there\u2028sep\u0085nel\u001b[31m")).doesNotContain("\t", "\u2028", "\u0085", "\u001b");
        assertThat(LogText.of("x".repeat(500))).hasSize(LogText.MAX + 1).endsWith("…");
        assertThat(LogText.of("short", 3)).isEqualTo("sho…");
        assertThat(LogText.of(null)).isEqualTo("-");
        assertThat(LogText.of("Zoë 张伟")).isEqualTo("Zoë 张伟");
    }

    @Test
    void aThousandRepeatedWarningsGiveAFewLinesAndTheNextOneSaysHowManyWereLeftOut() {
        Logger logger = Logger.getLogger("quiet-log-test-" + System.nanoTime());
        logger.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        AtomicLong now = new AtomicLong(0);
        QuietLog quiet = new QuietLog(logger, 5, now::get);
        for (int i = 0; i < 1000; i++) {
            quiet.warning("BAD_MESSAGE", () -> "refused");
        }
        quiet.warning("OTHER", () -> "other");
        assertThat(lines).hasSize(6);
        now.addAndGet(60_000);
        quiet.warning("BAD_MESSAGE", () -> "refused");
        assertThat(lines.get(6)).isEqualTo("refused (995 more like it were not logged)");
        assertThat(quiet.kinds()).isEqualTo(2);
    }
}
