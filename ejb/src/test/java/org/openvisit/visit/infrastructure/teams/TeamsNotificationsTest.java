package org.openvisit.visit.infrastructure.teams;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TeamsNotificationsTest {

    @Test
    void theCallRecordIdOfANotificationsResource() {
        assertThat(TeamsNotifications.callRecordId("communications/callRecords/e523d2ed-2966-4b6b-925b-754a88034cc5"))
                .isEqualTo("e523d2ed-2966-4b6b-925b-754a88034cc5");
        assertThat(TeamsNotifications.callRecordId("/communications/callrecords/abc")).isEqualTo("abc");
        assertThat(TeamsNotifications.callRecordId("communications/callRecords/abc/sessions")).isNull();
        assertThat(TeamsNotifications.callRecordId("users/x/events/abc")).isNull();
        assertThat(TeamsNotifications.callRecordId(null)).isNull();
    }
}
