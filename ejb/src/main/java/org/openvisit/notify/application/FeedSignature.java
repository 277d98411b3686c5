package org.openvisit.notify.application;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HTTPS feed's signature: header {@value #HEADER} = {@code sha256=} and the lower-case hex HMAC-SHA256 of the
 * request body's bytes under the endpoint's shared secret (as GitHub's webhooks do; with openssl:
 * {@code openssl dgst -sha256 -hmac "$SECRET" -hex < message.hl7}). Compared in constant time.
 */
public final class FeedSignature {

    public static final String HEADER = "X-OpenVisit-Signature";
    private static final String PREFIX = "sha256=";

    private FeedSignature() {
    }

    /** The header value for {@code body} under {@code secret}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code header} is the signature of {@code body} under {@code secret}. */
    public static boolean verify(String secret, byte[] body, String header) {
        if (secret == null || header == null || body == null) {
            return false;
        }
        String given = header.strip().toLowerCase(Locale.ROOT);
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
