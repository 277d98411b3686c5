package org.openvisit.ehr.backend;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The client authentication of SMART Backend Services, as Nimbus's {@link PrivateKeyJWT} ({@code private_key_jwt}):
 * {@code iss} = {@code sub} = the client id, {@code aud} = the token endpoint, a fresh random {@code jti}, valid
 * {@value #LIFETIME_SECONDS} seconds (the specification allows at most five minutes), signed ES384 or RS384 with
 * {@code kid} in the header.
 */
public final class ClientAssertion {

    public static final long LIFETIME_SECONDS = 240;

    private ClientAssertion() {
    }

    /** The client authentication for one token request. */
    public static PrivateKeyJWT authentication(JWK key, String clientId, URI tokenEndpoint, Instant now) {
        ClientID client = new ClientID(clientId);
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new Issuer(clientId), client, new Audience(tokenEndpoint)
                .toSingleAudienceList(), Date.from(now.plus(Duration.ofSeconds(LIFETIME_SECONDS))), null,
                Date.from(now), new JWTID());
        try {
            JWSAlgorithm algorithm;
            JWSSigner signer;
            if (key instanceof ECKey ec) {
                algorithm = JWSAlgorithm.ES384;
                signer = new ECDSASigner(ec);
            } else if (key instanceof RSAKey rsa) {
                algorithm = JWSAlgorithm.RS384;
                signer = new RSASSASigner(rsa);
            } else {
                throw new IllegalStateException("Backend keys are EC (ES384) or RSA (RS384).");
            }
            // SMART Backend Services asks for typ JWT in the header, which PrivateKeyJWT's own signing leaves out
            SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.toJWTClaimsSet());
            assertion.sign(signer);
            return new PrivateKeyJWT(assertion);
        } catch (JOSEException e) {
            throw new IllegalStateException("The client assertion could not be signed: " + e.getMessage(), e);
        }
    }

    /** The signed assertion itself (compact form). */
    public static String sign(JWK key, String clientId, URI tokenEndpoint, Instant now) {
        return authentication(key, clientId, tokenEndpoint, now).getClientAssertion().serialize();
    }
}
