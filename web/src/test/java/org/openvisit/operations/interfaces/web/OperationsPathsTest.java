package org.openvisit.operations.interfaces.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsPathsTest {

    @Test
    void coversTheMetricsAndHealthEndpointsAndNothingElse() {
        assertThat(OperationsPaths.covers("/metrics")).isTrue();
        assertThat(OperationsPaths.covers("/metrics/application")).isTrue();
        assertThat(OperationsPaths.covers("/health")).isTrue();
        assertThat(OperationsPaths.covers("/health/ready")).isTrue();
        assertThat(OperationsPaths.covers("/metricsx")).isFalse();
        assertThat(OperationsPaths.covers("/healthy.xhtml")).isFalse();
        assertThat(OperationsPaths.covers("/api/metrics")).isFalse();
        assertThat(OperationsPaths.covers("/")).isFalse();
    }
}
