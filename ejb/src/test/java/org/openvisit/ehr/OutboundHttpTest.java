package org.openvisit.ehr;

import org.junit.jupiter.api.Test;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every outbound request re-checks where its host resolves to now (DNS rebinding), without sending anything. */
class OutboundHttpTest {

    private static OutboundHttp resolvingTo(OutboundAddressPolicy policy, String... addresses) {
        return new OutboundHttp(policy, host -> {
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]); // literals: no lookup
            }
            return resolved;
        });
    }

    private static SmartSignInException.Failure failureOf(Runnable check) {
        try {
            check.run();
        } catch (SmartSignInException e) {
            return e.failure();
        }
        return null;
    }

    @Test
    void aNameThatNowResolvesToTheMetadataServiceIsRefused() {
        OutboundHttp http = resolvingTo(OutboundAddressPolicy.PRODUCTION, "169.254.169.254");
        assertThatThrownBy(() -> http.check(URI.create("https://ehr.example.org/fhir/.well-known/smart-configuration"),
                "the SMART configuration")).isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(SmartSignInException.Failure.REFUSED_ADDRESS);
                    assertThat(e.getMessage()).contains("ehr.example.org resolves to 169.254.169.254");
                });
    }

    @Test
    void oneRefusedAddressAmongSeveralIsEnough() {
        OutboundHttp http = resolvingTo(OutboundAddressPolicy.PRODUCTION, "93.184.216.34", "10.0.0.5");
        assertThat(failureOf(() -> http.check(URI.create("https://ehr.example.org/token"), "the token endpoint")))
                .isEqualTo(SmartSignInException.Failure.REFUSED_ADDRESS);
    }

    @Test
    void loopbackOnlyInDevelopmentModeAndPlainHttpOnlyThere() {
        URI local = URI.create("http://127.0.0.1:8080/ehr-sandbox/fhir/.well-known/smart-configuration");
        assertThat(failureOf(() -> resolvingTo(OutboundAddressPolicy.PRODUCTION, "127.0.0.1").check(local, "x")))
                .isEqualTo(SmartSignInException.Failure.REFUSED_ADDRESS);
        OutboundAddressPolicy development = new OutboundAddressPolicy(true, false);
        assertThatCode(() -> resolvingTo(development, "127.0.0.1").check(local, "x")).doesNotThrowAnyException();
        assertThat(failureOf(() -> resolvingTo(development, "93.184.216.34")
                .check(URI.create("http://ehr.example.org/fhir"), "x")))
                .isEqualTo(SmartSignInException.Failure.REFUSED_ADDRESS);
    }

    @Test
    void publicHttpsIsAllowedAndOtherSchemesAreNot() {
        OutboundHttp http = resolvingTo(OutboundAddressPolicy.PRODUCTION, "93.184.216.34");
        assertThatCode(() -> http.check(URI.create("https://ehr.example.org/fhir"), "x")).doesNotThrowAnyException();
        assertThat(failureOf(() -> http.check(URI.create("file:///etc/passwd"), "x")))
                .isEqualTo(SmartSignInException.Failure.REFUSED_ADDRESS);
        assertThat(failureOf(() -> http.check(URI.create("https://user:pw@ehr.example.org/fhir"), "x")))
                .isEqualTo(SmartSignInException.Failure.REFUSED_ADDRESS);
    }

    @Test
    void anUnknownHostIsUnreachable() {
        OutboundHttp http = new OutboundHttp(OutboundAddressPolicy.PRODUCTION, host -> {
            throw new UnknownHostException(host);
        });
        assertThat(failureOf(() -> http.check(URI.create("https://nowhere.example.org/fhir"), "x")))
                .isEqualTo(SmartSignInException.Failure.UNREACHABLE);
    }
}
