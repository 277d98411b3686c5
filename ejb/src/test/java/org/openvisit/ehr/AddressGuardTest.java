package org.openvisit.ehr;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.SmartSignInException.Failure;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The resolving guard: every address a name resolves to now, judged by the installation's policy. */
class AddressGuardTest {

    private static final OutboundAddressPolicy PRODUCTION = OutboundAddressPolicy.PRODUCTION;
    private static final OutboundAddressPolicy PRIVATE_ALLOWED = new OutboundAddressPolicy(false, true);
    private static final OutboundAddressPolicy EVERYTHING_ALLOWED = new OutboundAddressPolicy(true, true);
    private static final URI KEYS = URI.create("https://ehr.example.org/jwks");

    private static AddressGuard resolvingTo(OutboundAddressPolicy policy, int... bytes) {
        return new AddressGuard(policy, host -> new InetAddress[]{address(bytes)});
    }

    private static InetAddress address(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aRebindingToAPrivateAddressIsExplained() {
        assertThatThrownBy(() -> resolvingTo(PRODUCTION, 10, 1, 2, 3).check(KEYS, "the signing keys"))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.failure()).isEqualTo(Failure.REFUSED_ADDRESS))
                .hasMessage("The FHIR server ehr.example.org resolves to 10.1.2.3, which is a private network address "
                        + "(10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 carrier-grade NAT, or IPv6 "
                        + "unique-local fc00::/7). This installation accepts only public addresses; the operator can "
                        + "allow private addresses when the EHR runs on the hospital's own network. (OpenVisit was "
                        + "about to read the signing keys at https://ehr.example.org/jwks.)");
        assertThatNoException().isThrownBy(() -> resolvingTo(PRIVATE_ALLOWED, 10, 1, 2, 3).check(KEYS, "x"));
    }

    @Test
    void theMetadataAddressIsRefusedWhateverTheNameAndThePolicy() {
        assertThatThrownBy(() -> resolvingTo(EVERYTHING_ALLOWED, 169, 254, 169, 254)
                .check(URI.create("https://metadata.google.internal/computeMetadata/v1/"), "x"))
                .isInstanceOf(SmartSignInException.class)
                .hasMessageContaining("metadata.google.internal resolves to 169.254.169.254")
                .hasMessageContaining("never connects");
        assertThatNoException().isThrownBy(() -> resolvingTo(PRODUCTION, 8, 8, 8, 8)
                .check(URI.create("https://dns.google/"), "x"));
    }
}
