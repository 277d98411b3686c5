package org.openvisit.sandbox.oauth;

import java.security.SecureRandom;
import java.util.Base64;

/** High-entropy opaque values (codes, tokens, launch ids): 256 random bits, base64url. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    public static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
