package org.openvisit.visit.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QualitySampleTest {

    @Test
    void saysGoodFairOrPoorFromRoundTripLossAndJitter() {
        assertThat(new QualitySample(40.0, 5.0, 0.0, 30.0, 900.0).level()).isEqualTo(QualityLevel.GOOD);
        assertThat(new QualitySample(200.0, 5.0, 0.0, 30.0, 900.0).level()).isEqualTo(QualityLevel.FAIR);
        assertThat(new QualitySample(40.0, 5.0, 12.0, 30.0, 900.0).level()).isEqualTo(QualityLevel.POOR);
        assertThat(new QualitySample(null, null, null, null, null).level()).isEqualTo(QualityLevel.UNKNOWN);
    }

    @Test
    void dropsValuesOutsideSaneRanges() {
        QualitySample s = new QualitySample(-1.0, Double.NaN, 150.0, 1000.0, 5.0);
        assertThat(s.rttMs()).isNull();
        assertThat(s.jitterMs()).isNull();
        assertThat(s.lossPercent()).isNull();
        assertThat(s.fps()).isNull();
        assertThat(s.bitrateKbps()).isEqualTo(5.0);
    }

    @Test
    void theBrowsersRouteWordBecomesARouteAndAnythingElseNone() {
        org.assertj.core.api.Assertions.assertThat(CallRoute.fromBrowser("relayed")).isEqualTo(CallRoute.RELAYED);
        org.assertj.core.api.Assertions.assertThat(CallRoute.fromBrowser("direct")).isEqualTo(CallRoute.DIRECT);
        org.assertj.core.api.Assertions.assertThat(CallRoute.fromBrowser("RELAYED<script>")).isNull();
        org.assertj.core.api.Assertions.assertThat(CallRoute.fromBrowser(null)).isNull();
        org.assertj.core.api.Assertions.assertThat(new QualitySample(1.0, null, null, null, null).route()).isNull();
    }
}
