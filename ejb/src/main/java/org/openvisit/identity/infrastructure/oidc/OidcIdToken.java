package org.openvisit.identity.infrastructure.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.openvisit.ehr.IdTokenVerifier;
import org.openvisit.ehr.SmartSignInException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The portal's side of the identity provider's id_token: the check is the EHR layer's one
 * ({@link IdTokenVerifier}: signature, {@code iss} = the configured issuer, {@code aud}/{@code azp}, expiry with
 * a minute of clock skew, nonce), its failures told in the portal's words ({@link #refused}); then the OpenVisit
 * username from the configured claim.
 */
public final class OidcIdToken {

    public static final Duration CLOCK_SKEW = IdTokenVerifier.CLOCK_SKEW;

    private OidcIdToken() {
    }

    /** The checked claims, with a fixed key set (tests). @throws OidcSignInException saying which check failed */
    public static JWTClaimsSet verify(String idToken, JWKSet keys, String issuer, String clientId, String nonce,
                                      Instant now) {
        try {
            return IdTokenVerifier.verify(idToken, new ImmutableJWKSet<>(keys), new IdTokenVerifier.Expected(
                    List.of(issuer), clientId, null), nonce, now);
        } catch (SmartSignInException e) {
            throw refused(e);
        }
    }

    /** A failed id_token check in the portal's words, with the failure's code. */
    static OidcSignInException refused(SmartSignInException e) {
        return new OidcSignInException(e.failure().code(), "OpenVisit could not accept the sign-in from your "
                + "identity provider: " + e.getMessage() + " Try again; if it happens again, tell your administrator.");
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
}
