package org.openvisit.demo.application;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOrganizationSeedTest {

    private static final Optional<String> SANDBOX = Optional.of("http://localhost:8080/ehr-sandbox/fhir");

    @Test
    void neverInProductionMode() {
        assertThat(DemoOrganizationSeed.urlsToSeed("production", Optional.of("https://visits.example.org"), SANDBOX))
                .isEmpty();
        assertThat(DemoOrganizationSeed.urlsToSeed(null, Optional.empty(), SANDBOX)).isEmpty();
        assertThat(DemoOrganizationSeed.urlsToSeed("", Optional.empty(), SANDBOX)).isEmpty();
    }

    @Test
    void inDevelopmentModeBothLoopbackNamesOfTheSandboxAreSeeded() {
        assertThat(DemoOrganizationSeed.urlsToSeed("development", Optional.empty(), SANDBOX)).containsExactly(
                "http://localhost:8080/ehr-sandbox/fhir", "http://127.0.0.1:8080/ehr-sandbox/fhir");
        assertThat(DemoOrganizationSeed.urlsToSeed("Development", Optional.of("http://127.0.0.1:9090/"), Optional.empty()))
                .containsExactly("http://127.0.0.1:9090/ehr-sandbox/fhir", "http://localhost:9090/ehr-sandbox/fhir");
    }

    @Test
    void thePublicUrlComesFirstAndNothingIsSeededWithoutAnAddress() {
        assertThat(DemoOrganizationSeed.urlsToSeed("development", Optional.of("https://demo.example.org"), SANDBOX))
                .containsExactly("https://demo.example.org/ehr-sandbox/fhir", "http://localhost:8080/ehr-sandbox/fhir",
                        "http://127.0.0.1:8080/ehr-sandbox/fhir");
        assertThat(DemoOrganizationSeed.urlsToSeed("development", Optional.of(" "), Optional.empty())).isEmpty();
    }
}
