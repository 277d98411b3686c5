package org.openvisit.identity.application;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA512 password hashes in the self-describing form
 * {@code pbkdf2-sha512$<iterations>$<salt>$<hash>} (base64), so the work factor can grow later
 * without breaking stored hashes. Comparison is constant-time.
 */
public final class PasswordHasher {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA512. */
    public static final int ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha512";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 512;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    /**
     * Verified against when the user does not exist, so both cases take the same time: a stored form with the current
     * work factor and a fixed salt and hash that no password derives to (all zero bytes). A written-out value, not a
     * hash computed when the class loads: that cost 0.5-1 s of the deployment thread at every start (issue 19).
     */
    private static final String DECOY = PREFIX + "$" + ITERATIONS + "$" + ENCODER.encodeToString(new byte[SALT_BYTES])
            + "$" + ENCODER.encodeToString(new byte[HASH_BITS / 8]);

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return PREFIX + "$" + ITERATIONS + "$" + ENCODER.encodeToString(salt) + "$"
                + ENCODER.encodeToString(derive(password, salt, ITERATIONS));
    }

    public boolean matches(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0]) || password == null) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] expected = DECODER.decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, DECODER.decode(parts[2]), iterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Spends the same work as a real check, for a username that does not exist. */
    public void matchNothing(String password) {
        matches(password == null ? "" : password, DECOY);
    }

    /** The stored form checked for a username that does not exist (for tests: it must cost a real check's work). */
    static String decoy() {
        return DECOY;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this Java runtime", e);
        }
    }
}
