package org.openvisit.writeback.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBackSettingsTest {

    private static WriteBackSettings withParallelism(int parallelism) {
        WriteBackSettings s = new WriteBackSettings();
        s.parallelism = parallelism;
        return s;
    }

    @Test
    void oneEndpointGetsAtMostHalfOfTheNodesSlots() {
        assertThat(withParallelism(32).perEndpointParallelism()).isEqualTo(16);
        assertThat(withParallelism(5).perEndpointParallelism()).isEqualTo(3);
        assertThat(withParallelism(1).perEndpointParallelism()).isEqualTo(1);
    }

    @Test
    void anOrganizationsLimitOnlyLowersTheCallsAtOnce() {
        WriteBackSettings s = withParallelism(32);
        assertThat(s.callsAtOnce(0)).as("no limit set").isEqualTo(16);
        assertThat(s.callsAtOnce(4)).isEqualTo(4);
        assertThat(s.callsAtOnce(16)).isEqualTo(16);
        assertThat(s.callsAtOnce(64)).as("never more than the node's cap").isEqualTo(16);
    }
}
