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
        assertThat(s.callsAtOnce(0, 1)).as("no limit set").isEqualTo(16);
        assertThat(s.callsAtOnce(4, 1)).isEqualTo(4);
        assertThat(s.callsAtOnce(16, 1)).isEqualTo(16);
        assertThat(s.callsAtOnce(64, 1)).as("never more than the node's cap").isEqualTo(16);
    }

    @Test
    void theNodesOfAClusterShareTheOrganizationsLimit() {
        WriteBackSettings s = withParallelism(32);
        assertThat(s.callsAtOnce(4, 2)).as("two nodes, 2 each: the EHR sees 4").isEqualTo(2);
        assertThat(s.callsAtOnce(5, 2)).as("rounded up").isEqualTo(3);
        assertThat(s.callsAtOnce(2, 3)).as("each node keeps one call").isEqualTo(1);
        assertThat(s.callsAtOnce(64, 2)).as("32 each, but the node's cap").isEqualTo(16);
        assertThat(s.callsAtOnce(0, 3)).as("no limit: the node's cap, per node").isEqualTo(16);
        assertThat(s.callsAtOnce(4, 0)).as("a count below one is one node").isEqualTo(4);
    }
}
