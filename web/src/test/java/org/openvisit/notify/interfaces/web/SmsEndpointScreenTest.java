package org.openvisit.notify.interfaces.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsEndpointScreenTest {

    private static java.util.List<Integer> typed(String reminders) {
        SmsEndpointScreen screen = new SmsEndpointScreen();
        screen.setReminders(reminders);
        return screen.reminderMinutes();
    }

    @Test
    void remindersAreWholeMinutesSeparatedByCommasOrSpaces() {
        assertThat(typed("1440, 15")).containsExactly(1440, 15);
        assertThat(typed(" 60;30 30 ")).as("a repeat counts once").containsExactly(60, 30);
        assertThat(typed("")).isEmpty();
        assertThat(typed(null)).isEmpty();
    }

    @Test
    void anythingElseIsRefusedAsAWhole() {
        assertThat(typed("1 day")).isNull();
        assertThat(typed("0")).isNull();
        assertThat(typed("10081")).as("more than a week").isNull();
        assertThat(typed("1, 2, 3, 4, 5, 6")).as("more than five").isNull();
        assertThat(typed("15, -5")).isNull();
    }
}
