package org.openvisit.smart;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values (state, nonce, PKCE verifier) from a {@link SecureRandom}, URL-safe base64 without padding. */
public final class RandomValues {

    /** 256 bits for state and nonce: well above the 128 bits an attacker must not be able to guess. */
    public static final int STATE_BYTES = 32;

    private RandomValues() {
    }

    public static String urlSafe(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** A new {@code state} (or nonce): 256 random bits, 43 characters. */
    public static String state(SecureRandom random) {
        return urlSafe(random, STATE_BYTES);
    }
}
