package org.openvisit.identity.application;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes after RFC 6238 as every authenticator app makes them by default: HMAC-SHA1, 6 digits,
 * 30-second steps (computed by java-otp). A typed code is accepted for the step of now and one step either side (a
 * phone clock a little off, a code typed as it changed); which step it matched is answered, so the caller can refuse
 * that step and every earlier one afterwards (no replay).
 */
public final class TotpCodes {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    /** Steps accepted either side of now. */
    public static final int WINDOW = 1;
    /** 160 bits, the HMAC-SHA1 output size (RFC 4226 section 4). */
    public static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimeBasedOneTimePasswordGenerator generator;

    public TotpCodes() {
        this(DIGITS);
    }

    /** With another number of digits (the RFC's own test vectors have 8). */
    TotpCodes(int digits) {
        this.generator = new TimeBasedOneTimePasswordGenerator(STEP, digits);
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
    }

    /** The code of one step. */
    public String code(byte[] secret, long step) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, generator.getAlgorithm()),
                    Instant.ofEpochSecond(step * STEP.getSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("An HMAC key of " + secret.length + " bytes was refused", e);
        }
    }

    /**
     * The step whose code was typed, among now and {@link #WINDOW} steps either side; empty when none matches or the
     * text is not a code (spaces are allowed, as apps show {@code 123 456}).
     */
    public OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        String digits = typed == null ? "" : typed.replace(" ", "").strip();
        if (digits.length() != generator.getPasswordLength() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] given = digits.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            // every step is computed and compared in constant time, whichever matches
            if (MessageDigest.isEqual(given, code(secret, step).getBytes(StandardCharsets.US_ASCII)) && found.isEmpty()) {
                found = OptionalLong.of(step);
            }
        }
        return found;
    }
}
