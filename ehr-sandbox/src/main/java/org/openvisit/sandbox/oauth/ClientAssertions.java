package org.openvisit.sandbox.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openvisit.sandbox.apps.AppRegistration;

import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks private_key_jwt client assertions (SMART Backend Services): RS384 or ES384, signed by a key
 * in the client's registered JWKS (inline, or fetched from its JWKS URL), {@code iss} = {@code sub} =
 * client id, {@code aud} = the token endpoint, {@code exp} at most five minutes ahead, {@code jti} never seen before.
 */
public class ClientAssertions {

    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<String, Instant> seenJtis = new ConcurrentHashMap<>();

    public ClientAssertions(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param jwksUrl the registration's JWKS URL with {@code {origin}} already resolved (used when no inline JWKS)
     * @throws OAuthException invalid_client when anything is wrong
     */
    public void verify(String assertion, AppRegistration client, String jwksUrl, String tokenEndpoint) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | NullPointerException e) {
            throw OAuthException.invalidClient("client_assertion is not a signed JWT");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw OAuthException.invalidClient("client_assertion must be signed with RS384 or ES384, not " + algorithm);
        }
        if (!signedByClient(jwt, keysOf(client, jwksUrl))) {
            throw OAuthException.invalidClient("client_assertion signature does not match a key of client " + client.clientId());
        }
        Instant now = clock.instant();
        if (!client.clientId().equals(claims.getIssuer()) || !client.clientId().equals(claims.getSubject())) {
            throw OAuthException.invalidClient("client_assertion iss and sub must be the client id");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(tokenEndpoint)) {
            throw OAuthException.invalidClient("client_assertion aud must be the token endpoint " + tokenEndpoint);
        }
        if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().isBefore(now.minus(SKEW))) {
            throw OAuthException.invalidClient("client_assertion has expired or has no exp");
        }
        if (claims.getExpirationTime().toInstant().isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw OAuthException.invalidClient("client_assertion exp is more than five minutes ahead");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw OAuthException.invalidClient("client_assertion has no jti");
        }
        seenJtis.values().removeIf(expiry -> expiry.isBefore(now.minus(MAX_LIFETIME)));
        if (seenJtis.putIfAbsent(client.clientId() + " " + jti, claims.getExpirationTime().toInstant()) != null) {
            throw OAuthException.invalidClient("client_assertion jti was used before");
        }
    }

    private static JWKSet keysOf(AppRegistration client, String jwksUrl) {
        try {
            if (client.jwks() != null && !client.jwks().isBlank()) {
                return JWKSet.parse(client.jwks());
            }
            if (jwksUrl == null) {
                throw OAuthException.invalidClient("client " + client.clientId() + " has no JWKS registered");
            }
            return JWKSet.load(new URL(jwksUrl), 5_000, 5_000, 512 * 1024);
        } catch (IOException | ParseException e) {
            throw OAuthException.invalidClient("cannot read the JWKS of client " + client.clientId() + ": " + e.getMessage());
        }
    }

    private static boolean signedByClient(SignedJWT jwt, JWKSet keys) {
        String keyId = jwt.getHeader().getKeyID();
        for (JWK key : keys.getKeys()) {
            if (keyId != null && key.getKeyID() != null && !keyId.equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier = switch (key.getKeyType().getValue()) {
                    case "RSA" -> new RSASSAVerifier((RSAKey) key);
                    case "EC" -> new ECDSAVerifier((ECKey) key);
                    default -> null;
                };
                if (verifier != null && verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm())
                        && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key of the wrong kind or size: try the next one
            }
        }
        return false;
    }
}
