package org.openvisit.notify.application;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The HTTPS feed's signature by the interface engine's private key, checked against the endpoint's uploaded
 * certificate. Headers: {@value #TIMESTAMP_HEADER}{@code : <Unix time in seconds>} and
 * {@code X-OpenVisit-Signature: rsa-sha256=<base64>} (RSA key, SHA256withRSA, PKCS#1 v1.5) or
 * {@code ecdsa-sha256=<base64>} (EC key, SHA256withECDSA, the DER signature openssl writes). What is signed is the
 * timestamp's digits, a full stop, then the body's bytes ({@code 1764990000.MSH|...}); the timestamp must be within
 * {@link #TOLERANCE} of OpenVisit's clock, so a captured message cannot be replayed later (within the window the
 * message log's control-id check answers it as a duplicate).
 */
public final class CertificateSignature {

    public static final String TIMESTAMP_HEADER = "X-OpenVisit-Timestamp";
    /** How far the signed timestamp may be from OpenVisit's clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

    private CertificateSignature() {
    }

    /** The bytes the private key signs: {@code <timestamp>.<body>}. */
    public static byte[] signedBytes(String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return all;
    }

    /** The signature header's value for {@code body} sent at {@code timestamp} (for tests and examples). */
    public static String sign(PrivateKey key, String timestamp, byte[] body) {
        FeedCertificate.KeyKind kind = "EC".equals(key.getAlgorithm()) ? FeedCertificate.KeyKind.EC
                : FeedCertificate.KeyKind.RSA;
        try {
            Signature signer = Signature.getInstance(kind.algorithm());
            signer.initSign(key);
            signer.update(signedBytes(timestamp, body));
            return kind.scheme() + "=" + Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key", e);
        }
    }

    /** Whether the header names one of the certificate schemes (not the feed secret's {@code sha256=}). */
    public static boolean names(String header) {
        String h = header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
        for (FeedCertificate.KeyKind kind : FeedCertificate.KeyKind.values()) {
            if (h.startsWith(kind.scheme() + "=")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the message against the certificate at {@code now}.
     *
     * @throws FeedRefusal BAD_SIGNATURE with the reason in words: the certificate expired or not yet valid, the
     *                     header's scheme does not fit the key, no or a stale timestamp, or a signature that does
     *                     not match
     */
    public static void verify(FeedCertificate certificate, byte[] body, String header, String timestamp,
                              Instant now) {
        if (!certificate.validAt(now)) {
            boolean expired = now.isAfter(certificate.notAfter());
            throw refusal("The endpoint's certificate (SHA-256 fingerprint " + certificate.fingerprint() + ") "
                    + (expired ? "expired on " + certificate.notAfterText() : "is valid only from "
                    + certificate.notBeforeText()) + ": OpenVisit takes no message signed with it. The endpoint's "
                    + "administrator uploads the interface engine's current certificate on the SMS page.");
        }
        FeedCertificate.KeyKind kind = certificate.kind();
        if (kind == null) {
            throw refusal("The endpoint's certificate has a key OpenVisit does not verify (" + certificate
                    .keyDescription() + "); its administrator uploads another certificate.");
        }
        String h = header == null ? "" : header.strip();
        String prefix = kind.scheme() + "=";
        if (!h.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw refusal("The endpoint's certificate has an " + kind.name() + " key: send the signature as "
                    + FeedSignature.HEADER + ": " + prefix + "<base64 " + kind.algorithm() + " signature>.");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(h.substring(prefix.length()).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw refusal("The signature in " + FeedSignature.HEADER + " is not base64.");
        }
        String t = timestamp == null ? "" : timestamp.strip();
        if (!SECONDS.matcher(t).matches()) {
            throw refusal("The " + TIMESTAMP_HEADER + " header (the Unix time in seconds, signed with the body) is "
                    + "missing or not a number.");
        }
        if (!matches(certificate, kind, signedBytes(t, body), signature)) {
            throw refusal("The signature in " + FeedSignature.HEADER + " does not match the message, its "
                    + TIMESTAMP_HEADER + " and the endpoint's certificate (SHA-256 fingerprint "
                    + certificate.fingerprint() + ").");
        }
        long drift = Math.abs(Long.parseLong(t) - now.getEpochSecond());
        if (drift > TOLERANCE.toSeconds()) {
            throw refusal("The message's " + TIMESTAMP_HEADER + " is " + drift + " seconds away from OpenVisit's "
                    + "clock (at most " + TOLERANCE.toSeconds() + " are allowed): an old message sent again, or "
                    + "the interface engine's clock is wrong (check its time synchronisation).");
        }
    }

    private static boolean matches(FeedCertificate certificate, FeedCertificate.KeyKind kind, byte[] signed,
                                   byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(kind.algorithm());
            verifier.initVerify(certificate.certificate().getPublicKey());
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // a malformed signature (e.g. not DER for ECDSA) is a signature that does not match
            return false;
        }
    }

    private static FeedRefusal refusal(String message) {
        return new FeedRefusal(FeedRefusal.Reason.BAD_SIGNATURE, message);
    }
}
