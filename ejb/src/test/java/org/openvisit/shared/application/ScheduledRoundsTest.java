package org.openvisit.shared.application;

import org.junit.jupiter.api.Test;
import org.openvisit.tenant.domain.model.DataRegion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledRoundsTest {

    private final Logger log = Logger.getLogger("ScheduledRoundsTest");
    private final ScheduledRounds rounds = new ScheduledRounds("A test round", log);

    @Test
    void aFailingRegionDoesNotStopTheOthers() {
        List<DataRegion> done = new ArrayList<>();

        boolean ran = rounds.overRegions(() -> List.of(DataRegion.values()), region -> {
            if (region == DataRegion.values()[0]) {
                throw new IllegalStateException("store down");
            }
            done.add(region);
        });

        assertThat(ran).isTrue();
        assertThat(done).hasSize(DataRegion.values().length - 1).doesNotContain(DataRegion.values()[0]);
    }

    @Test
    void aRoundStartedWhileOneRunsDoesNothingNotEvenReadTheRegions() {
        List<String> calls = new ArrayList<>();
        AtomicInteger regionReads = new AtomicInteger();

        rounds.run(() -> {
            calls.add("outer");
            boolean inner = rounds.overRegions(() -> {
                regionReads.incrementAndGet();
                return List.of(DataRegion.values());
            }, region -> calls.add("inner"));
            calls.add("inner ran: " + inner);
        });
        rounds.run(() -> calls.add("after"));

        assertThat(calls).containsExactly("outer", "inner ran: false", "after");
        assertThat(regionReads).hasValue(0);
    }

    @Test
    void aFailingRoundIsLoggedByItsKindOnlyAndTheNextRoundRuns() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord logRecord) {
                records.add(logRecord);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            rounds.run(() -> {
                throw new IllegalStateException("+44 7700 900123 must not be logged");
            });
            assertThat(rounds.run(() -> { })).as("the next round runs").isTrue();
        } finally {
            log.removeHandler(handler);
        }

        assertThat(records).singleElement().satisfies(r -> assertThat(r.getMessage())
                .contains("A test round stopped: IllegalStateException").doesNotContain("7700"));
    }
}
