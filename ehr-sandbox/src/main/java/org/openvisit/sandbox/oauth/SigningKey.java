package org.openvisit.sandbox.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.util.UUID;

/** The sandbox's RSA key for id_tokens (RS256), generated at start; its public half is the JWKS. */
public class SigningKey {

    private final RSAKey key;

    public SigningKey() {
        try {
            key = new RSAKeyGenerator(2048).keyID("sandbox-" + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the sandbox signing key", e);
        }
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /**
     * Signs with a fresh key that is not in the JWKS but carries this key's id: what a forged token
     * looks like to an app that checks signatures (only the token fault switch uses it).
     */
    public String signWithAnImpostor(JWTClaimsSet claims) {
        try {
            RSAKey impostor = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(impostor));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /** The public JWKS, as published at the jwks_uri. */
    public JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }
}
