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
