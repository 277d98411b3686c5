package org.openvisit.launch.application;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An encrypted context link token, format version 1 (ehr-sandbox/CONTEXT-LINK.md): base64url of
 * {@code 0x01 | n | key id (n bytes) | 12-byte IV | AES-256-GCM ciphertext + 16-byte tag}, the header
 * ({@code 0x01 | n | key id}) authenticated as additional data. Reading the key id needs no key;
 * {@link #decrypt} needs the endpoint's key and fails on any change to any byte.
 */
public final class ContextLinkToken {

    public static final int MAX_TOKEN_LENGTH = 8192;
    private static final int VERSION = 0x01;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final byte[] bytes;
    private final int keyIdLength;

    private ContextLinkToken(byte[] bytes, int keyIdLength) {
        this.bytes = bytes;
        this.keyIdLength = keyIdLength;
    }

    /** The token's bytes, or empty when it is not a version-1 token at all (wrong encoding, too short, other version). */
    public static Optional<ContextLinkToken> parse(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token.strip());
        } catch (IllegalArgumentException notBase64Url) {
            return Optional.empty();
        }
        if (bytes.length < 2 || (bytes[0] & 0xff) != VERSION) {
            return Optional.empty();
        }
        int n = bytes[1] & 0xff;
        if (n == 0 || bytes.length < 2 + n + IV_LENGTH + TAG_BITS / 8) {
            return Optional.empty();
        }
        return Optional.of(new ContextLinkToken(bytes, n));
    }

    public String keyId() {
        return new String(bytes, 2, keyIdLength, StandardCharsets.US_ASCII);
    }

    /** SHA-256 of the whole token, hex: what is remembered to refuse a replay (the IV makes each token unique). */
    public String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The plaintext under {@code key}; empty when the tag does not match (tampered, or another key).
     */
    public Optional<String> decrypt(byte[] key) {
        int header = 2 + keyIdLength;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, header, IV_LENGTH));
            cipher.updateAAD(bytes, 0, header);
            byte[] plain = cipher.doFinal(bytes, header + IV_LENGTH, bytes.length - header - IV_LENGTH);
            try {
                return Optional.of(new String(plain, StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (AEADBadTagException tamperedOrWrongKey) {
            return Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty(); // e.g. a key of the wrong length
        }
    }
}
