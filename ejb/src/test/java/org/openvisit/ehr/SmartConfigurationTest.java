package org.openvisit.ehr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmartConfigurationTest {

    private static final String BASE = "https://ehr.example.org/fhir";
    private static final String GOOD = """
            {"issuer":"https://ehr.example.org/fhir","authorization_endpoint":"https://ehr.example.org/oauth/authorize",
             "token_endpoint":"https://ehr.example.org/oauth/token","jwks_uri":"https://ehr.example.org/oauth/jwks",
             "code_challenge_methods_supported":["S256"],"capabilities":["launch-standalone","sso-openid-connect"]}""";

    @Test
    void readsTheEndpointsAndTheIssuer() {
        SmartConfiguration configuration = SmartConfiguration.parse(BASE, GOOD);
        assertThat(configuration.authorizationEndpoint()).hasToString("https://ehr.example.org/oauth/authorize");
        assertThat(configuration.tokenEndpoint()).hasToString("https://ehr.example.org/oauth/token");
        assertThat(configuration.jwksUri()).hasToString("https://ehr.example.org/oauth/jwks");
        assertThat(configuration.capabilities()).contains("launch-standalone");
        assertThat(configuration.acceptedIssuers()).containsExactly(BASE);
        assertThat(SmartConfiguration.location(BASE + "/")).hasToString(BASE + "/.well-known/smart-configuration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>not found</html>", "[]", "{}",
            "{\"authorization_endpoint\":\"https://a/auth\",\"token_endpoint\":\"https://a/token\"}",
            "{\"authorization_endpoint\":\"javascript:alert(1)\",\"token_endpoint\":\"https://a/t\",\"jwks_uri\":\"https://a/j\"}",
            "{\"authorization_endpoint\":\"https://a/auth\",\"token_endpoint\":\"/relative\",\"jwks_uri\":\"https://a/j\"}",
            "{\"authorization_endpoint\":\"https://a/auth\",\"token_endpoint\":\"https://a/t\",\"jwks_uri\":\"https://a/j\","
                    + "\"code_challenge_methods_supported\":[\"plain\"]}"})
    void anythingElseIsNoSmartServer(String body) {
        assertThatThrownBy(() -> SmartConfiguration.parse(BASE, body))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(SmartSignInException.Failure.NOT_A_SMART_SERVER);
                    assertThat(e.getMessage()).startsWith("The FHIR base URL " + BASE + " does not lead to a SMART on FHIR server");
                });
    }

    @Test
    void theCacheKeepsAConfigurationForItsTimeToLive() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        SmartConfigurationCache cache = new SmartConfigurationCache(Duration.ofMinutes(10), clock);
        SmartConfiguration configuration = SmartConfiguration.parse(BASE, GOOD);
        assertThat(cache.find(BASE)).isEmpty();
        cache.put(configuration);
        now.set(now.get().plus(Duration.ofMinutes(9)));
        assertThat(cache.find(BASE)).contains(configuration);
        assertThat(cache.find("https://other.example.org/fhir")).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThat(cache.find(BASE)).isEmpty();
    }
}
