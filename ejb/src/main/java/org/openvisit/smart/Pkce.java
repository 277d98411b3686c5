package org.openvisit.smart;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Proof Key for Code Exchange with S256 (RFC 7636): a verifier of 64 URL-safe characters (384 random
 * bits) that stays with OpenVisit, and its challenge, {@code BASE64URL(SHA-256(verifier))}, that goes
 * to the EHR's authorize endpoint.
 */
public record Pkce(String verifier, String challenge) implements Serializable {

    public static final String METHOD = "S256";
    static final int VERIFIER_BYTES = 48;

    public Pkce {
        if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
            throw new IllegalArgumentException("A PKCE verifier has 43 to 128 characters");
        }
    }

    public static Pkce create(SecureRandom random) {
        String verifier = RandomValues.urlSafe(random, VERIFIER_BYTES);
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** {@code BASE64URL(SHA-256(ASCII(verifier)))} without padding. */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The verifier is a secret until the code is exchanged: never printed. */
    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
