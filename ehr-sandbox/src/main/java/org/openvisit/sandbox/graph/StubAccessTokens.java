package org.openvisit.sandbox.graph;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The stand-in's app-only access tokens, shaped as Entra's v1.0 tokens for Microsoft Graph: a JWT (RS256) with
 * {@code aud} the Graph origin, {@code iss} {@code https://sts.windows.net/<tenant>/}, {@code tid}, {@code appid},
 * {@code idtyp} "app" and the granted application permissions in {@code roles} (left out when none is granted, as
 * Entra does), valid for an hour.
 */
final class StubAccessTokens {

    private StubAccessTokens() {
    }

    static String sign(RSAKey key, StubTenants.App app, List<String> roles, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(audience)
                .issuer("https://sts.windows.net/" + app.tenantId() + "/").claim("tid", app.tenantId())
                .claim("appid", app.clientId()).claim("idtyp", "app").claim("oid", UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3599)))
                .jwtID(UUID.randomUUID().toString());
        if (!roles.isEmpty()) {
            claims.claim("roles", roles);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("The stand-in cannot sign its token", e);
        }
        return jwt.serialize();
    }
}
