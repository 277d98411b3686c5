package org.openvisit.identity.infrastructure.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openvisit.smart.IdTokenValidator;
import org.openvisit.smart.SmartSignInException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks the identity provider's id_token for a portal sign-in: signed (RSA or EC) by a key of the
 * provider's JWKS, {@code iss} = the configured issuer, {@code aud} contains OpenVisit's client id (and
 * {@code azp}, when there are several audiences, is OpenVisit), not expired (a minute of clock skew),
 * {@code nonce} = the one sent; then reads the OpenVisit username from the configured claim.
 */
public final class OidcIdToken {

    public static final Duration CLOCK_SKEW = IdTokenValidator.CLOCK_SKEW;

    private OidcIdToken() {
    }

    /** The checked claims. @throws OidcSignInException saying which check failed */
    public static JWTClaimsSet verify(String idToken, JWKSet keys, String issuer, String clientId, String nonce,
                                      Instant now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(idToken);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw failed("invalid_id_token", "its proof of the sign-in (the id_token) is not a signed JWT");
        }
        try {
            IdTokenValidator.verifySignature(jwt, keys);
        } catch (SmartSignInException e) {
            throw failed("bad_signature", "the signature of its id_token does not match a key the identity "
                    + "provider publishes (or uses an algorithm OpenVisit does not accept)");
        }
        String iss = claims.getIssuer();
        if (iss == null || !OidcProvider.strip(iss).equals(OidcProvider.strip(issuer))) {
            throw failed("wrong_issuer", "its id_token was issued by " + (iss == null ? "nobody (no iss)"
                    : "\"" + OidcProvider.printable(iss) + "\"") + ", not by the configured issuer " + issuer);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw failed("wrong_audience", "its id_token was issued for another application, not for OpenVisit's "
                    + "client id \"" + clientId + "\"");
        }
        Object azp = claims.getClaim("azp");
        if (audience.size() > 1 && azp != null && !clientId.equals(azp)) {
            throw failed("wrong_audience", "its id_token was issued to another application (azp)");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw failed("expired", "its id_token " + (expires == null ? "has no expiry time" : "expired at "
                    + expires.toInstant()) + " (check the clocks of this server and the identity provider)");
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && issuedAt.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw failed("expired", "its id_token says it was issued in the future (check the clocks of this server "
                    + "and the identity provider)");
        }
        Object sent = claims.getClaim("nonce");
        if (!(sent instanceof String text) || nonce == null || !MessageDigest.isEqual(
                text.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
            throw failed("wrong_nonce", "its id_token does not belong to this sign-in (its nonce is "
                    + (sent == null ? "missing" : "different") + ")");
        }
        return claims;
    }

    /**
     * The OpenVisit username in the claims: the configured claim; for the default claim
     * ({@code preferred_username}) falling back to {@code email}, then {@code sub}. A claim that is
     * configured explicitly is used alone, so a missing value never signs anyone in under another name.
     *
     * @throws OidcSignInException {@code no_username} when the claim is missing or empty
     */
    public static String username(JWTClaimsSet claims, String usernameClaim) {
        List<String> candidates = PortalSignInSettings.DEFAULT_USERNAME_CLAIM.equals(usernameClaim)
                ? List.of(usernameClaim, "email", "sub") : List.of(usernameClaim);
        for (String claim : candidates) {
            Object value = claims.getClaim(claim);
            if (value instanceof String text && !text.isBlank()) {
                return text.strip();
            }
        }
        throw new OidcSignInException("no_username", "Your identity provider signed you in, but its id_token "
                + "has no " + String.join(", ", candidates) + " claim to find your OpenVisit account by. Ask your "
                + "administrator to check openvisit.oidc.username-claim and the provider's claims for OpenVisit.");
    }

    private static OidcSignInException failed(String code, String why) {
        return new OidcSignInException(code, "OpenVisit could not accept the sign-in from your identity provider: "
                + why + ". Try again; if it happens again, tell your administrator.");
    }
}
