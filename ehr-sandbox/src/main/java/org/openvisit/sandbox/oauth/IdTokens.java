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
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(fhirBase)
                .audience(grant.clientId())
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
        return key.sign(claims.build());
    }
}
