package org.openvisit.writeback.infrastructure.smart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The client assertion of SMART Backend Services: {@code iss} = {@code sub} = the client id, {@code aud}
 * = the token endpoint, a fresh random {@code jti}, valid {@value #LIFETIME_SECONDS} seconds (the
 * specification allows at most five minutes), signed ES384 or RS384 with {@code kid} in the header.
 */
public final class ClientAssertion {

    public static final long LIFETIME_SECONDS = 240;

    private ClientAssertion() {
    }

    public static String sign(JWK key, String clientId, URI tokenEndpoint, Instant now) {
        try {
            JWSAlgorithm alg;
            JWSSigner signer;
            if (key instanceof ECKey ec) {
                alg = JWSAlgorithm.ES384;
                signer = new ECDSASigner(ec);
            } else if (key instanceof RSAKey rsa) {
                alg = JWSAlgorithm.RS384;
                signer = new RSASSASigner(rsa);
            } else {
                throw new IllegalStateException("Backend keys are EC (ES384) or RSA (RS384).");
            }
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(clientId)
                    .subject(clientId)
                    .audience(tokenEndpoint.toString())
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofSeconds(LIFETIME_SECONDS))))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                    .build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("The client assertion could not be signed: " + e.getMessage(), e);
        }
    }
}
