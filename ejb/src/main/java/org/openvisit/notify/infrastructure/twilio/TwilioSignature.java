package org.openvisit.notify.infrastructure.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's webhook signature ({@code X-Twilio-Signature}): the base64 HMAC-SHA1, under the account's auth token, of
 * the full URL Twilio requested followed by every POST parameter sorted by name (the distinct values of a repeated
 * name sorted too, as Twilio's own libraries do), each as name then value with nothing between.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** The signature Twilio sends for this URL and these form parameters. */
    public static String of(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> p : new TreeMap<>(params).entrySet()) {
            for (String value : new TreeSet<>(p.getValue())) {
                data.append(p.getKey()).append(value);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    /** Whether {@code signature} is Twilio's for this request (compared in constant time; null or blank: false). */
    public static boolean valid(String authToken, String url, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isBlank() || authToken == null || authToken.isEmpty()) {
            return false;
        }
        byte[] expected = of(authToken, url, params).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
    }
}
