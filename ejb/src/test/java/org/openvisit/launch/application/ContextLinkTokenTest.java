package org.openvisit.launch.application;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The decrypting side of ehr-sandbox/CONTEXT-LINK.md, checked against the document's test vector. */
class ContextLinkTokenTest {

    private static final byte[] KEY = HexFormat.of()
            .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final String TOKEN = "AQ9vcGVudmlzaXQtY3R4LTGgoaKjpKWmp6ipqquPaw8QLb92z0dWxvY1POXsNsA2c_PbKgPvegO1PpNFOeJTdbnKSiEQLP1qrGsV-9x1XSAgC6I8DSg6Nm-UQLSW1cz1Gw3ElJCAz84ov__q36NolsGrorRL3kUPvMH7Oan_5V-Gb8vgtvO6dCPtrphbQSJc_qxU-EhGu7fL2jCAaPdXwA2yIa12UzjT5Hkr97n6_98E0rXH_I-iy5zLokYNon1vxYsGL3WveEJUCqDFiBND0O5rFNpL4-5QUD32ImYDD3n9UuWP3cN7Lq0vGQOCa9zQ2gtX6IjLpCCVYPftXl1lABWOXem5smG9dtvuJafgrRkg0Olj";

    @Test
    void theTestVectorDecryptsToItsClaims() {
        ContextLinkToken token = ContextLinkToken.parse(TOKEN).orElseThrow();
        assertThat(token.keyId()).isEqualTo("openvisit-ctx-1");
        ContextLinkClaims claims = ContextLinkClaims.parse(token.decrypt(KEY).orElseThrow()).orElseThrow();
        assertThat(claims).isEqualTo(new ContextLinkClaims("http://localhost:8080/ehr-sandbox/fhir", "1001",
                "appt-1001", "enc-1001", "Practitioner/prac-ada-okafor", "provider", "loc-riverside-virtual",
                Instant.ofEpochSecond(1795424400L), Instant.ofEpochSecond(1795424700L)));
        assertThat(claims.toString()).doesNotContain("pat-leo-marsh"); // the patient id is not kept
        assertThat(claims.isProvider()).isTrue();
        assertThat(token.digest()).hasSize(64).isEqualTo(ContextLinkToken.parse(TOKEN).orElseThrow().digest());
    }

    @Test
    void anyChangedByteOrAnotherKeyFailsTheTag() {
        byte[] bytes = Base64.getUrlDecoder().decode(TOKEN);
        for (int i : new int[]{3, 20, bytes.length / 2, bytes.length - 1}) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            ContextLinkToken token = ContextLinkToken.parse(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(changed)).orElseThrow();
            assertThat(token.decrypt(KEY)).as("byte %d changed", i).isEmpty();
        }
        byte[] otherKey = KEY.clone();
        otherKey[0] = 9;
        assertThat(ContextLinkToken.parse(TOKEN).orElseThrow().decrypt(otherKey)).isEmpty();
        assertThat(ContextLinkToken.parse(TOKEN).orElseThrow().decrypt(new byte[7])).isEmpty();
    }

    @Test
    void whatIsNotAVersionOneTokenIsNotParsed() {
        byte[] bytes = Base64.getUrlDecoder().decode(TOKEN);
        bytes[0] = 2;
        assertThat(ContextLinkToken.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))).isEmpty();
        assertThat(ContextLinkToken.parse("not base64url!")).isEmpty();
        assertThat(ContextLinkToken.parse("AQ9v")).isEmpty();
        assertThat(ContextLinkToken.parse("")).isEmpty();
        assertThat(ContextLinkToken.parse(null)).isEmpty();
        assertThat(ContextLinkToken.parse("A".repeat(ContextLinkToken.MAX_TOKEN_LENGTH + 1))).isEmpty();
    }

    @Test
    void claimsWithoutTheirRequiredFieldsAreRefused() {
        assertThat(ContextLinkClaims.parse("iss=x&role=provider&nbf=1&exp=abc")).isEmpty();
        assertThat(ContextLinkClaims.parse("role=provider&nbf=1&exp=2")).isEmpty();
        assertThat(ContextLinkClaims.parse("iss=x&nbf=1&exp=2")).isEmpty();
        assertThat(ContextLinkClaims.parse("iss=x&role=patient&iat=5&exp=9").orElseThrow().notBefore())
                .isEqualTo(Instant.ofEpochSecond(5));
    }
}
