package org.openvisit.report.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LobbyWaitBucketTest {

    @Test
    void eachBucketTakesItsLowerBoundAndNotItsUpperOne() {
        assertThat(LobbyWaitBucket.of(0)).isEqualTo(LobbyWaitBucket.UNDER_1_MIN);
        assertThat(LobbyWaitBucket.of(59)).isEqualTo(LobbyWaitBucket.UNDER_1_MIN);
        assertThat(LobbyWaitBucket.of(60)).isEqualTo(LobbyWaitBucket.MIN_1_TO_2);
        assertThat(LobbyWaitBucket.of(119)).isEqualTo(LobbyWaitBucket.MIN_1_TO_2);
        assertThat(LobbyWaitBucket.of(120)).isEqualTo(LobbyWaitBucket.MIN_2_TO_5);
        assertThat(LobbyWaitBucket.of(299)).isEqualTo(LobbyWaitBucket.MIN_2_TO_5);
        assertThat(LobbyWaitBucket.of(300)).isEqualTo(LobbyWaitBucket.MIN_5_TO_10);
        assertThat(LobbyWaitBucket.of(600)).isEqualTo(LobbyWaitBucket.MIN_10_TO_20);
        assertThat(LobbyWaitBucket.of(1199)).isEqualTo(LobbyWaitBucket.MIN_10_TO_20);
        assertThat(LobbyWaitBucket.of(1200)).isEqualTo(LobbyWaitBucket.OVER_20_MIN);
        assertThat(LobbyWaitBucket.of(86_400)).isEqualTo(LobbyWaitBucket.OVER_20_MIN);
        assertThat(LobbyWaitBucket.of(-5)).isEqualTo(LobbyWaitBucket.UNDER_1_MIN);
    }
}
