package org.openvisit.sandbox.contextlink;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Function;

/**
 * Encrypts and decrypts context-link tokens: base64url(unpadded) of
 * {@code 0x01 | len(kid) | kid | 12-byte IV | AES-256-GCM ciphertext with 16-byte tag},
 * where the header ({@code 0x01 | len(kid) | kid}) is the GCM additional authenticated data.
 */
public final class ContextLinkCipher {

    public static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContextLinkCipher() {
    }

    public static String encrypt(ContextLinkClaims claims, String keyId, byte[] key) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return encrypt(claims, keyId, key, iv);
    }

    /** Encrypts with a given IV: for the published test vector only (an IV must never repeat under one key). */
    static String encrypt(ContextLinkClaims claims, String keyId, byte[] key, byte[] iv) {
        byte[] kid = keyId.getBytes(StandardCharsets.US_ASCII);
        if (kid.length == 0 || kid.length > 255) {
            throw new IllegalArgumentException("the key id must be 1-255 ASCII characters");
        }
        byte[] header = ByteBuffer.allocate(2 + kid.length).put(VERSION).put((byte) kid.length).put(kid).array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(claims.toFormString().getBytes(StandardCharsets.UTF_8));
            byte[] token = ByteBuffer.allocate(header.length + iv.length + sealed.length).put(header).put(iv).put(sealed).array();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the context link", e);
        }
    }

    /** The key id a token names (to pick the key), without decrypting it. */
    public static String keyIdOf(String token) {
        byte[] bytes = decode(token);
        return new String(bytes, 2, bytes[1] & 0xff, StandardCharsets.US_ASCII);
    }

    /**
     * Decrypts and authenticates a token (the validity window is the caller's to check).
     *
     * @param keys the key for a key id, or null when the id is unknown
     * @throws InvalidContextLinkException if the token is malformed, the key unknown, or the data altered
     */
    public static ContextLinkClaims decrypt(String token, Function<String, byte[]> keys) {
        byte[] bytes = decode(token);
        int headerLength = 2 + (bytes[1] & 0xff);
        if (bytes.length < headerLength + IV_BYTES + TAG_BITS / 8) {
            throw new InvalidContextLinkException("the context link is too short");
        }
        byte[] key = keys.apply(keyIdOf(token));
        if (key == null) {
            throw new InvalidContextLinkException("unknown key id " + keyIdOf(token));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aesKey(key),
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(bytes, headerLength, headerLength + IV_BYTES)));
            cipher.updateAAD(bytes, 0, headerLength);
            byte[] plain = cipher.doFinal(bytes, headerLength + IV_BYTES, bytes.length - headerLength - IV_BYTES);
            return ContextLinkClaims.fromFormString(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new InvalidContextLinkException("the context link was altered or encrypted with another key");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidContextLinkException("the context link cannot be decrypted: " + e.getMessage());
        }
    }

    private static byte[] decode(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidContextLinkException("the context link is not base64url");
        }
        if (bytes.length < 3 || bytes[0] != VERSION || bytes.length < 2 + (bytes[1] & 0xff)) {
            throw new InvalidContextLinkException("not a version-1 context link");
        }
        return bytes;
    }

    private static SecretKeySpec aesKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
