package org.openvisit.sandbox.oauth;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * OpenID Connect id_tokens: RS256, {@code iss} = the FHIR base, {@code aud} = the client id,
 * {@code sub} and {@code fhirUser} = the user's relative FHIR reference (e.g. {@code Practitioner/prac-ada-okafor}),
 * {@code nonce} echoed when the authorization request had one.
 */
public class IdTokens {

    private final SigningKey key;
    private final Clock clock;
    private final TokenLifetimes lifetimes;

    public IdTokens(SigningKey key, Clock clock, TokenLifetimes lifetimes) {
        this.key = key;
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    public String issue(Grant grant, String fhirBase, String displayName) {
        return issue(grant, fhirBase, displayName, TokenFault.NONE);
    }

    /** An id_token, spoiled as {@code fault} says (see {@link TokenFaults}). */
    public String issue(Grant grant, String fhirBase, String displayName, TokenFault fault) {
        Instant now = fault == TokenFault.ID_TOKEN_EXPIRED
                ? clock.instant().minus(lifetimes.accessToken()).minusSeconds(600) : clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(fhirBase)
                .audience(fault == TokenFault.ID_TOKEN_WRONG_AUDIENCE ? "another-app" : grant.clientId())
                .subject(grant.user())
                .claim("fhirUser", grant.user())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetimes.accessToken())));
        if (displayName != null) {
            claims.claim("name", displayName);
        }
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        return fault == TokenFault.ID_TOKEN_BAD_SIGNATURE ? key.signWithAnImpostor(claims.build())
                : key.sign(claims.build());
    }
}
