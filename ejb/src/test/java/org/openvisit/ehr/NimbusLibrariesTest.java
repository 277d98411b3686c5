package org.openvisit.ehr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Nimbus versions the OAuth SDK can run with (its own OSGi import ranges). */
class NimbusLibrariesTest {

    @Test
    void theVersionsPayaraShipsAreAccepted() {
        assertThat(NimbusLibraries.problem("10.5", "2.6.0")).isNull();
        assertThat(NimbusLibraries.problem("10.4.2", "2.5.2")).isNull();
        assertThat(NimbusLibraries.problem("of unknown version", "of unknown version")).isNull();
    }

    @Test
    void olderOrNextMajorVersionsStopTheStart() {
        assertThat(NimbusLibraries.problem("9.37.3", "2.6.0")).contains("nimbus-jose-jwt 9.37.3");
        assertThat(NimbusLibraries.problem("10.3", "2.6.0")).contains("10.4 or later");
        assertThat(NimbusLibraries.problem("11.0", "2.6.0")).contains("below 11");
        assertThat(NimbusLibraries.problem("10.5", "2.4.11")).contains("json-smart 2.4.11");
    }
}
