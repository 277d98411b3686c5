package org.openvisit.sandbox.contextlink;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The test vector published in CONTEXT-LINK.md: if this fails, the document is wrong. */
class ContextLinkTestVectorTest {

    static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    static final ContextLinkClaims CLAIMS = new ContextLinkClaims("http://localhost:8080/ehr-sandbox/fhir", "1001",
            "appt-1001", "enc-1001", "pat-leo-marsh", "Practitioner/prac-ada-okafor", "provider", "loc-riverside-virtual",
            Instant.ofEpochSecond(1795424400), Instant.ofEpochSecond(1795424400), Instant.ofEpochSecond(1795424700));
    static final String PLAINTEXT = "iss=http%3A%2F%2Flocalhost%3A8080%2Fehr-sandbox%2Ffhir&sid=1001&appt=appt-1001"
            + "&enc=enc-1001&pat=pat-leo-marsh&user=Practitioner%2Fprac-ada-okafor&role=provider&dept=loc-riverside-virtual"
            + "&iat=1795424400&nbf=1795424400&exp=1795424700";

    @Test
    void plaintextIsTheDocumentedFormString() {
        assertThat(CLAIMS.toFormString()).isEqualTo(PLAINTEXT);
    }

    @Test
    void printsAndDecryptsTheDocumentedToken() {
        String token = ContextLinkCipher.encrypt(CLAIMS, "openvisit-ctx-1", KEY, IV);
        System.out.println("context-link test vector token: " + token);

        assertThat(token).isEqualTo(ContextLinkDocument.TOKEN);
        assertThat(ContextLinkCipher.decrypt(ContextLinkDocument.TOKEN, kid -> KEY)).isEqualTo(CLAIMS);
    }

    /** The token as written in CONTEXT-LINK.md. */
    static final class ContextLinkDocument {
        static final String TOKEN = "AQ9vcGVudmlzaXQtY3R4LTGgoaKjpKWmp6ipqquPaw8QLb92z0dWxvY1POXsNsA2c_PbKgPvegO1PpNFOeJTdbnKSiEQLP1qrGsV-9x1XSAgC6I8DSg6Nm-UQLSW1cz1Gw3ElJCAz84ov__q36NolsGrorRL3kUPvMH7Oan_5V-Gb8vgtvO6dCPtrphbQSJc_qxU-EhGu7fL2jCAaPdXwA2yIa12UzjT5Hkr97n6_98E0rXH_I-iy5zLokYNon1vxYsGL3WveEJUCqDFiBND0O5rFNpL4-5QUD32ImYDD3n9UuWP3cN7Lq0vGQOCa9zQ2gtX6IjLpCCVYPftXl1lABWOXem5smG9dtvuJafgrRkg0Olj";
    }
}
