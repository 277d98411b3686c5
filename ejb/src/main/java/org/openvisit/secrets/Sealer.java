package org.openvisit.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing under one master key. The purpose is bound in as associated data, so a value
 * sealed for one use cannot be unsealed for another. Output: base64(nonce || ciphertext+tag).
 */
public final class Sealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public Sealer(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("The master key must be 32 bytes (AES-256).");
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    public String seal(String purpose, byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, purpose, nonce, secret);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce).put(sealed).array());
    }

    /** @throws IllegalStateException the value was not sealed by this key for this purpose, or was altered */
    public byte[] unseal(String purpose, String sealed) {
        byte[] all = Base64.getDecoder().decode(sealed);
        if (all.length <= NONCE_BYTES) {
            throw new IllegalStateException("Not a sealed value.");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return crypt(Cipher.DECRYPT_MODE, purpose, nonce, body);
    }

    private byte[] crypt(int mode, String purpose, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException tampered) {
            throw new IllegalStateException("The sealed value does not open with this master key.", tampered);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
