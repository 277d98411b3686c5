package org.openvisit.sandbox.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import org.openvisit.sandbox.apps.LaunchBehaviour;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * OpenID Connect id_tokens: RS256, {@code iss} = the FHIR base, {@code aud} = the client id,
 * {@code sub} and {@code fhirUser} = the user's relative FHIR reference (e.g. {@code Practitioner/prac-ada-okafor}),
 * {@code nonce} echoed when the authorization request had one. Without the {@code fhirUser} scope granted there is
 * no {@code fhirUser} claim and {@code sub} is an opaque account id (the same for the same user), as real EHRs send.
 */
public class IdTokens {

    /** The FHIR server a {@link LaunchBehaviour#FOREIGN_FHIR_USER} points to (never this sandbox). */
    public static final String FOREIGN_SERVER = "https://other-ehr.example.org/fhir";

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
        String user = user(grant);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(fhirBase)
                .audience(fault == TokenFault.ID_TOKEN_WRONG_AUDIENCE ? "another-app" : grant.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetimes.accessToken())));
        LaunchContext context = grant.context();
        boolean named = grant.scopes().has("fhirUser") && (context == null || !context.behaves(LaunchBehaviour.NO_FHIR_USER));
        // without fhirUser (not asked for, or a patient portal that names none) the sub is an opaque account id
        claims.subject(named ? user : accountId(user));
        if (named) {
            claims.claim("fhirUser", context != null && context.behaves(LaunchBehaviour.FOREIGN_FHIR_USER)
                    ? FOREIGN_SERVER + "/" + user
                    : context != null && context.behaves(LaunchBehaviour.ABSOLUTE_FHIR_USER) ? fhirBase + "/" + user : user);
        }
        if (displayName != null) {
            claims.claim("name", displayName);
        }
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        return fault == TokenFault.ID_TOKEN_BAD_SIGNATURE ? key.signWithAnImpostor(claims.build())
                : key.sign(claims.build());
    }

    /** The user the id_token names: a patient's proxy ({@code RelatedPerson}) when the launch behaves so. */
    private static String user(Grant grant) {
        LaunchContext context = grant.context();
        if (context != null && context.behaves(LaunchBehaviour.RELATED_PERSON) && grant.user() != null
                && grant.user().startsWith("Patient/")) {
            return "RelatedPerson/proxy-of-" + grant.user().substring("Patient/".length());
        }
        return grant.user();
    }

    /** An opaque, stable account id for a user: what an EHR's {@code sub} looks like (no FHIR reference). */
    static String accountId(String user) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(user).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "u" + java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
