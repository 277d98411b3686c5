package org.openvisit.writeback.application;

import org.junit.jupiter.api.Test;
import org.openvisit.writeback.application.EndpointCircuitBreakers.State;

import static org.assertj.core.api.Assertions.assertThat;

/** The write-back badge: an endpoint that never delivered anything is not called healthy. */
class EndpointHealthTest {

    @Test
    void healthyOnlyOnceTheEhrTookAWriteBack() {
        assertThat(WriteBackQueueService.health(0, 0, State.CLOSED, false)).isEqualTo(EndpointHealth.NEVER_DELIVERED);
        assertThat(WriteBackQueueService.health(0, 0, State.CLOSED, true)).isEqualTo(EndpointHealth.HEALTHY);
    }

    @Test
    void troubleComesBeforeTheNeverDeliveredBadge() {
        assertThat(WriteBackQueueService.health(1, 3, State.OPEN, false)).isEqualTo(EndpointHealth.FAILING);
        assertThat(WriteBackQueueService.health(0, 3, State.OPEN, false)).isEqualTo(EndpointHealth.DOWN);
        assertThat(WriteBackQueueService.health(0, 3, State.CLOSED, false)).isEqualTo(EndpointHealth.DEGRADED);
        assertThat(WriteBackQueueService.health(0, 0, State.HALF_OPEN, true)).isEqualTo(EndpointHealth.DEGRADED);
    }
}
