package org.openvisit.ehr.graph;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The client assertion Microsoft Entra takes in place of a client secret ("certificate credentials"): a JWT signed
 * RS256 with the certificate's private key, naming the certificate by its SHA-1 ({@code x5t}) and SHA-256
 * ({@code x5t#S256}) thumbprints; {@code aud} the tenant's token endpoint, {@code iss} = {@code sub} = the client id,
 * a fresh {@code jti}, valid {@value #LIFETIME_SECONDS} seconds from now.
 */
public final class CertificateAssertion {

    static final long LIFETIME_SECONDS = 300;

    private CertificateAssertion() {
    }

    /** The client authentication of one token request. */
    public static PrivateKeyJWT authentication(GraphCredential.Certificate credential, String clientId,
                                               URI tokenEndpoint, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(tokenEndpoint.toString())
                .issuer(clientId)
                .subject(clientId)
                .jwtID(UUID.randomUUID().toString())
                .notBeforeTime(Date.from(now))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofSeconds(LIFETIME_SECONDS))))
                .build();
        @SuppressWarnings("deprecation") // x5t (SHA-1) is what Entra's documentation has long asked for
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .x509CertThumbprint(thumbprint(credential.certificate(), "SHA-1"))
                .x509CertSHA256Thumbprint(thumbprint(credential.certificate(), "SHA-256"))
                .build();
        SignedJWT assertion = new SignedJWT(header, claims);
        try {
            assertion.sign(new RSASSASigner(credential.privateKey()));
            return new PrivateKeyJWT(assertion);
        } catch (JOSEException e) {
            throw new GraphFailure(GraphFailure.Kind.BAD_CREDENTIAL, "The client assertion could not be signed with "
                    + "the certificate's private key: " + e.getMessage());
        }
    }

    /** The base64url thumbprint of the certificate's DER encoding with {@code algorithm}. */
    public static Base64URL thumbprint(X509Certificate certificate, String algorithm) {
        try {
            return Base64URL.encode(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("The certificate's thumbprint cannot be computed.", e);
        }
    }
}
