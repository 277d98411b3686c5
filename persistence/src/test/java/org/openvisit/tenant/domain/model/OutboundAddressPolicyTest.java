package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check the HTTP client repeats for every address a host name resolves to (DNS rebinding). */
class OutboundAddressPolicyTest {

    private static final OutboundAddressPolicy PRODUCTION = OutboundAddressPolicy.PRODUCTION;
    private static final OutboundAddressPolicy DEVELOPMENT = new OutboundAddressPolicy(true, false);
    private static final OutboundAddressPolicy PRIVATE_ALLOWED = new OutboundAddressPolicy(false, true);
    private static final OutboundAddressPolicy EVERYTHING_ALLOWED = new OutboundAddressPolicy(true, true);

    /** A literal is parsed, never looked up. */
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress bytes(int... values) throws UnknownHostException {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return InetAddress.getByAddress(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "2001:4860:4860::8888"})
    void publicAddressesArePermittedEverywhere(String literal) {
        for (OutboundAddressPolicy policy : List.of(PRODUCTION, DEVELOPMENT, PRIVATE_ALLOWED, EVERYTHING_ALLOWED)) {
            assertThat(policy.permits(ip(literal))).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "::1"})
    void loopbackOnlyInDevelopmentMode(String literal) {
        assertThat(AddressRange.of(ip(literal))).isEqualTo(AddressRange.LOOPBACK);
        assertThat(PRODUCTION.permits(ip(literal))).isFalse();
        assertThat(PRIVATE_ALLOWED.permits(ip(literal))).isFalse();
        assertThat(DEVELOPMENT.permits(ip(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.16.5.4", "192.168.0.10", "100.64.1.1", "fc00::1", "fd00::abcd",
            "::ffff:10.0.0.1"})
    void privateRangesOnlyWhenAllowed(String literal) {
        assertThat(AddressRange.of(ip(literal))).isEqualTo(AddressRange.PRIVATE);
        assertThat(PRODUCTION.permits(ip(literal))).isFalse();
        assertThat(DEVELOPMENT.permits(ip(literal))).isFalse();
        assertThat(PRIVATE_ALLOWED.permits(ip(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "fe80::1", "0.0.0.0", "::", "224.0.0.251",
            "255.255.255.255", "2001:db8::1", "192.0.2.1", "::ffff:169.254.169.254"})
    void theRestIsNeverPermitted(String literal) {
        assertThat(EVERYTHING_ALLOWED.permits(ip(literal))).isFalse();
    }

    @Test
    void ipv4MappedIpv6BytesAreJudgedAsTheirIpv4() throws UnknownHostException {
        InetAddress mapped = bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1);
        assertThat(AddressRange.of(mapped)).isEqualTo(AddressRange.LOOPBACK);
        assertThat(AddressRange.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1}))
                .isEqualTo(AddressRange.PRIVATE);
        assertThat(AddressRange.of(new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0,
                (byte) 169, (byte) 254, (byte) 169, (byte) 254})).isEqualTo(AddressRange.LINK_LOCAL);
    }

    /** The value object and the connect-time check judge every literal the same way. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::1]", "10.0.0.1", "[fd00::1]", "169.254.169.254", "[fe80::1]", "0.0.0.0",
            "[::ffff:10.0.0.1]", "[::ffff:8.8.8.8]", "8.8.8.8", "[2001:db8::1]", "[2606:4700:4700::1111]",
            "100.64.0.1", "224.0.0.1", "2130706433", "[64:ff9b::a00:1]"})
    void theUrlCheckAndTheConnectCheckAgree(String host) {
        for (OutboundAddressPolicy policy : List.of(PRODUCTION, DEVELOPMENT, PRIVATE_ALLOWED, EVERYTHING_ALLOWED)) {
            InetAddress address = FhirBaseUrl.stored("https://" + host + "/fhir").literalAddress().orElseThrow();
            boolean urlAccepted;
            try {
                FhirBaseUrl.of("https://" + host + "/fhir", policy);
                urlAccepted = true;
            } catch (InvalidFhirBaseUrlException e) {
                urlAccepted = false;
            }
            assertThat(urlAccepted).as(host + " under " + policy).isEqualTo(policy.permits(address));
        }
    }
}
