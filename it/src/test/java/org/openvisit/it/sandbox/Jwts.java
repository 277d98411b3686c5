package org.openvisit.it.sandbox;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.openvisit.it.support.Http;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** JWTs built and checked with the JDK alone, as an independent client would: RS384 assertions, RS256 verification. */
final class Jwts {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    static KeyPair newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair newEcP384Key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWKS of a P-384 key pair. */
    static String ecJwksOf(KeyPair key, String keyId) {
        java.security.interfaces.ECPublicKey publicKey = (java.security.interfaces.ECPublicKey) key.getPublic();
        return Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("kty", "EC").add("crv", "P-384").add("kid", keyId).add("alg", "ES384").add("use", "sig")
                .add("x", B64.encodeToString(fixedLength(publicKey.getW().getAffineX(), 48)))
                .add("y", B64.encodeToString(fixedLength(publicKey.getW().getAffineY(), 48))))).build().toString();
    }

    /** A client assertion signed ES384: the JDK's DER signature turned into JWS's R || S (48 bytes each). */
    static String es384ClientAssertion(KeyPair key, String keyId, String clientId, String audience, long secondsValid) {
        String header = Json.createObjectBuilder().add("alg", "ES384").add("typ", "JWT").add("kid", keyId).build().toString();
        String claims = Json.createObjectBuilder().add("iss", clientId).add("sub", clientId).add("aud", audience)
                .add("exp", Instant.now().getEpochSecond() + secondsValid).add("jti", UUID.randomUUID().toString())
                .build().toString();
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA384withECDSA");
            signature.initSign(key.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            byte[] der = signature.sign();
            // DER: 0x30 len [0x81 len] 0x02 rLen r 0x02 sLen s
            int offset = der[1] == (byte) 0x81 ? 3 : 2;
            int rLength = der[offset + 1];
            BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength));
            int sOffset = offset + 2 + rLength;
            int sLength = der[sOffset + 1];
            BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + sLength));
            byte[] jose = new byte[96];
            System.arraycopy(fixedLength(r, 48), 0, jose, 0, 48);
            System.arraycopy(fixedLength(s, 48), 0, jose, 48, 48);
            return signingInput + "." + B64.encodeToString(jose);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixedLength(BigInteger value, int length) {
        byte[] bytes = unsigned(value);
        byte[] fixed = new byte[length];
        System.arraycopy(bytes, 0, fixed, length - bytes.length, bytes.length);
        return fixed;
    }

    /** The public JWKS of an RSA key pair, as a backend-services client publishes it. */
    static String jwksOf(KeyPair key, String keyId) {
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        return Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("kty", "RSA").add("kid", keyId).add("alg", "RS384").add("use", "sig")
                .add("n", B64.encodeToString(unsigned(publicKey.getModulus())))
                .add("e", B64.encodeToString(unsigned(publicKey.getPublicExponent()))))).build().toString();
    }

    /** A SMART Backend Services client assertion, RS384. */
    static String clientAssertion(KeyPair key, String keyId, String clientId, String audience, long secondsValid) {
        String header = Json.createObjectBuilder().add("alg", "RS384").add("typ", "JWT").add("kid", keyId).build().toString();
        String claims = Json.createObjectBuilder().add("iss", clientId).add("sub", clientId).add("aud", audience)
                .add("exp", Instant.now().getEpochSecond() + secondsValid).add("jti", UUID.randomUUID().toString())
                .build().toString();
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA384withRSA");
            signature.initSign(key.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject header(String jwt) {
        return part(jwt, 0);
    }

    static JsonObject claims(String jwt) {
        return part(jwt, 1);
    }

    /** True if the RS256 JWT is signed by the key of the JWKS whose kid its header names. */
    static boolean verifiesRs256(String jwt, JsonObject jwks) {
        String kid = header(jwt).getString("kid");
        JsonObject jwk = jwks.getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .filter(k -> kid.equals(k.getString("kid"))).findFirst().orElseThrow();
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n"))),
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")))));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            int lastDot = jwt.lastIndexOf('.');
            signature.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject part(String jwt, int index) {
        return (JsonObject) Http.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
