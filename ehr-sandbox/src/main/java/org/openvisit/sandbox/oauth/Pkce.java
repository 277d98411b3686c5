package org.openvisit.sandbox.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** PKCE (RFC 7636) with S256 only: the sandbox refuses {@code plain}, as SMART v2 requires. */
public final class Pkce {

    public static final String S256 = "S256";

    private Pkce() {
    }

    /** The S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))), unpadded. */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if the verifier is well formed (43-128 unreserved characters) and hashes to the challenge. */
    public static boolean verifies(String challenge, String verifier) {
        if (challenge == null || verifier == null || !verifier.matches("[A-Za-z0-9\\-._~]{43,128}")) {
            return false;
        }
        return MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
