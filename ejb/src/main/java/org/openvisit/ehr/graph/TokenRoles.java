package org.openvisit.ehr.graph;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The application permissions an app-only access token of Microsoft Entra carries: its {@code roles} claim lists the
 * application permissions granted with admin consent at the time it was issued; a token without the claim has none.
 * <p>
 * The claims are read with Nimbus <em>without checking the signature</em>, on purpose: the token comes straight from
 * the tenant's token endpoint over the connection OpenVisit opened itself (TLS in production), OpenVisit only reads it
 * to tell an administrator which permissions are granted, and nothing is allowed or refused because of it. Microsoft
 * Graph checks the token at every call; Graph's tokens are not meant to be validated by clients (their header carries
 * a nonce that makes the signature verifiable by Graph only). The token is never logged or stored.
 */
public final class TokenRoles {

    private TokenRoles() {
    }

    /**
     * The token's application permissions, or empty when the token is not a JWT OpenVisit can read (Entra may issue
     * opaque tokens; Graph's app-only tokens are JWTs).
     */
    public static Optional<Set<String>> of(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = JWTParser.parse(accessToken.strip()).getJWTClaimsSet();
            Object roles = claims.getClaim("roles");
            if (roles == null) {
                return Optional.of(Set.of());
            }
            if (!(roles instanceof List<?> list)) {
                return Optional.empty();
            }
            return Optional.of(list.stream().filter(String.class::isInstance).map(String.class::cast)
                    .collect(Collectors.toUnmodifiableSet()));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the permission is among the roles (Entra's names compare without regard to case). */
    public static boolean holds(Set<String> roles, GraphPermission permission) {
        return roles.stream().anyMatch(r -> r.equalsIgnoreCase(permission.graphName()));
    }
}
