package org.openvisit.identity.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time recovery codes of the second factor: {@link #COUNT} codes of 80 random bits each, shown once as
 * {@code abcd-efgh-ijkl-mnop} (base32) and stored only as SHA-256 hashes. 80 random bits need no slow hash: nobody
 * can try 2^79 guesses against a stolen hash, and the sign-in throttle stops guessing online.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final int BYTES = 10;
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    /** New codes as the person sees them. */
    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] random = new byte[BYTES];
            RANDOM.nextBytes(random);
            String plain = Base32.encode(random).toLowerCase(Locale.ROOT);
            codes.add(plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8, 12) + "-"
                    + plain.substring(12, 16));
        }
        return codes;
    }

    /** The stored hash of a code as typed (any case, with or without dashes and spaces); empty if it is no code. */
    public static Optional<String> hash(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String plain = typed.replace("-", "").replace(" ", "").strip().toUpperCase(Locale.ROOT);
        if (plain.length() != LENGTH || !plain.chars().allMatch(Base32::isAlphabet)) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(plain.getBytes(StandardCharsets.US_ASCII))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Whether the typed text has the shape of a recovery code (rather than of a 6-digit code). */
    public static boolean looksLikeOne(String typed) {
        return hash(typed).isPresent();
    }
}
