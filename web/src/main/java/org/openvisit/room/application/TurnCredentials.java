package org.openvisit.room.application;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Time-limited TURN credentials in the "TURN REST API" scheme that coturn implements ({@code use-auth-secret}):
 * the username is {@code <expiry as Unix seconds>:<label>} and the password is the Base64 of the HMAC-SHA1 of
 * that username under a secret shared with the TURN server. The TURN server checks both the HMAC and the expiry,
 * so nothing is stored and a password copied from a page stops working when it expires. The label is random
 * per credential: it names no person and no visit in the TURN server's logs.
 */
public final class TurnCredentials {

    /** What a browser is given for the {@code turn:}/{@code turns:} servers. */
    public record Credential(String username, String password, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final Duration lifetime;

    public TurnCredentials(String sharedSecret, Duration lifetime) {
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        if (sharedSecret.isBlank()) {
            throw new IllegalArgumentException("The TURN shared secret is empty.");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A TURN credential must last a while: " + lifetime);
        }
        this.secret = sharedSecret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
    }

    /** A new credential valid from {@code now} for the configured lifetime. */
    public Credential mint(Instant now) {
        byte[] label = new byte[9];
        RANDOM.nextBytes(label);
        Instant expiry = now.plus(lifetime);
        String username = expiry.getEpochSecond() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(label);
        return new Credential(username, passwordFor(username), Instant.ofEpochSecond(expiry.getEpochSecond()));
    }

    /** The password the TURN server expects for {@code username}. */
    public String passwordFor(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1"); // the scheme's (and coturn's) choice, not ours
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available in this JVM", e);
        }
    }

    public Duration lifetime() {
        return lifetime;
    }
}
