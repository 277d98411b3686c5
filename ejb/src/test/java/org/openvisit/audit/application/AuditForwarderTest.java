package org.openvisit.audit.application;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AuditForwarderTest {

    @Test
    void waitsDoubleFromThirtySecondsUpToAnHour() {
        assertThat(AuditForwarder.wait(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(AuditForwarder.wait(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(AuditForwarder.wait(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(AuditForwarder.wait(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(AuditForwarder.wait(8)).as("64 minutes, cut to the hour").isEqualTo(Duration.ofHours(1));
        assertThat(AuditForwarder.wait(AuditForwarder.MAX_ATTEMPTS)).isEqualTo(Duration.ofHours(1));
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < AuditForwarder.MAX_ATTEMPTS; attempt++) {
            total = total.plus(AuditForwarder.wait(attempt));
        }
        assertThat(total).as("tried for hours, not days").isBetween(Duration.ofHours(4), Duration.ofHours(12));
    }
}
