package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsKeywordTest {

    @Test
    void stopAndItsSynonymsInFourLanguages() {
        for (String s : new String[] {"STOP", " stop ", "Stop!", "STOPALL", "unsubscribe", "Cancel", "END", "quit",
                "退订", "取消", "退訂", "СТОП", "стоп"}) {
            assertThat(SmsKeyword.of(s)).as(s).contains(SmsKeyword.STOP);
        }
    }

    @Test
    void startAndHelp() {
        assertThat(SmsKeyword.of("start")).contains(SmsKeyword.START);
        assertThat(SmsKeyword.of("UNSTOP")).contains(SmsKeyword.START);
        assertThat(SmsKeyword.of("help")).contains(SmsKeyword.HELP);
        assertThat(SmsKeyword.of("помощь")).contains(SmsKeyword.HELP);
    }

    @Test
    void otherMessagesAreNoKeyword() {
        assertThat(SmsKeyword.of("please stop sending")).isEmpty();
        assertThat(SmsKeyword.of("")).isEmpty();
        assertThat(SmsKeyword.of(null)).isEmpty();
    }
}
