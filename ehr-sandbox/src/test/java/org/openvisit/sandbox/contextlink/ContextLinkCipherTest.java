package org.openvisit.sandbox.contextlink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextLinkCipherTest {

    private static final byte[] KEY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final ContextLinkClaims CLAIMS = new ContextLinkClaims("http://127.0.0.1:8181/ehr-sandbox/fhir",
            "1001", "appt-1001", "enc-1001", "pat-leo-marsh", "Practitioner/prac-ada-okafor", "provider",
            "loc-riverside-virtual", NOW, NOW, NOW.plusSeconds(300));

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @Test
    void decryptsWhatItEncrypted() {
        String token = ContextLinkCipher.encrypt(CLAIMS, "openvisit-ctx-1", KEY);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(ContextLinkCipher.keyIdOf(token)).isEqualTo("openvisit-ctx-1");
        assertThat(ContextLinkCipher.decrypt(token, kid -> KEY)).isEqualTo(CLAIMS);
    }

    @Test
    void hasTheDocumentedLayout() {
        byte[] bytes = Base64.getUrlDecoder().decode(ContextLinkCipher.encrypt(CLAIMS, "k1", KEY));

        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes[1]).isEqualTo((byte) 2);
        assertThat(new String(bytes, 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k1");
        int plainLength = CLAIMS.toFormString().getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).hasSize(2 + 2 + 12 + plainLength + 16);
    }

    @Test
    void twoEncryptionsDifferByTheirIv() {
        assertThat(ContextLinkCipher.encrypt(CLAIMS, "k1", KEY)).isNotEqualTo(ContextLinkCipher.encrypt(CLAIMS, "k1", KEY));
    }

    @Test
    void refusesAnAlteredToken() {
        byte[] bytes = Base64.getUrlDecoder().decode(ContextLinkCipher.encrypt(CLAIMS, "k1", KEY));
        bytes[bytes.length - 20] ^= 1;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> ContextLinkCipher.decrypt(altered, kid -> KEY)).isInstanceOf(InvalidContextLinkException.class);
    }

    @Test
    void refusesAnotherKeyAndAnUnknownKeyId() {
        String token = ContextLinkCipher.encrypt(CLAIMS, "k1", KEY);
        byte[] other = new byte[32];

        assertThatThrownBy(() -> ContextLinkCipher.decrypt(token, kid -> other)).isInstanceOf(InvalidContextLinkException.class);
        assertThatThrownBy(() -> ContextLinkCipher.decrypt(token, kid -> null))
                .isInstanceOf(InvalidContextLinkException.class).hasMessageContaining("k1");
    }

    @Test
    void refusesAChangedKeyIdBecauseTheHeaderIsAuthenticated() {
        byte[] bytes = Base64.getUrlDecoder().decode(ContextLinkCipher.encrypt(CLAIMS, "k1", KEY));
        bytes[3] = '2';
        String renamed = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> ContextLinkCipher.decrypt(renamed, kid -> KEY)).isInstanceOf(InvalidContextLinkException.class);
    }

    @Test
    void isValidOnlyInsideItsWindow() {
        assertThat(CLAIMS.validAt(NOW)).isTrue();
        assertThat(CLAIMS.validAt(NOW.plusSeconds(299))).isTrue();
        assertThat(CLAIMS.validAt(NOW.plusSeconds(300))).isFalse();
        assertThat(CLAIMS.validAt(NOW.minusSeconds(1))).isFalse();
    }
}
