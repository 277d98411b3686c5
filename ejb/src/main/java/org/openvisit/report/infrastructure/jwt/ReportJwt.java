package org.openvisit.report.infrastructure.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.openvisit.report.application.ReportTokenClaims;
import org.openvisit.report.application.TokenRefusedException;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reports tokens as JWTs: signed ES256 with the installation's key ({@code kid} = its thumbprint), and verified with
 * Nimbus' {@link DefaultJWTProcessor} against a JWK set: signature, issuer (exact), audience, expiry (one minute of
 * clock skew), and the claims {@code sub}, {@code jti}, {@code exp}, {@code groups} and {@value #ORGANIZATION}
 * present. An installation may also trust one outside issuer ({@link Trust}: its issuer, audience and organization
 * claim, keys from its JWKS URL).
 */
public final class ReportJwt {

    public static final String AUDIENCE = "openvisit-reports";
    public static final String ORGANIZATION = "organization";
    public static final String GROUPS = "groups";

    private ReportJwt() {
    }

    /** A new installation key: EC P-256, its id the RFC 7638 thumbprint. */
    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("No EC P-256 key could be made.", e);
        }
    }

    /** The signed token (compact serialization). */
    public static String sign(ECKey key, String issuer, ReportTokenClaims claims, Instant issuedAt) {
        JWTClaimsSet set = new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE).subject(claims.subject())
                .jwtID(claims.tokenId()).issueTime(Date.from(issuedAt)).expirationTime(Date.from(claims.expiresAt()))
                .claim(GROUPS, List.copyOf(claims.groups())).claim(ORGANIZATION, claims.organizationId().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), set);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("The token could not be signed.", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a token this issuer signed with a key of {@code keys} for the reports audience.
     *
     * @throws TokenRefusedException in words a client's developer understands, never with the token in them
     */
    public static ReportTokenClaims verify(String token, JWKSet keys, String issuer) {
        return verify(token, new ImmutableJWKSet<>(keys), new Trust(issuer, AUDIENCE, ORGANIZATION, true));
    }

    /**
     * Whom a token is checked against: the issuer (exact), the audience, the claim that holds the OpenVisit
     * organization's id, and whether a token id ({@code jti}) is required (OpenVisit's own tokens: it is how they are
     * revoked; an outside issuer's tokens are revoked by that issuer and need none).
     */
    public record Trust(String issuer, String audience, String organizationClaim, boolean tokenIdRequired) {
    }

    /**
     * The claims of a token {@code trust}'s issuer signed with a key of {@code keys} (an outside issuer's JWKS, read
     * through the {@code ehr} layer).
     *
     * @throws TokenRefusedException in words a client's developer understands, never with the token in them
     */
    public static ReportTokenClaims verify(String token, JWKSource<SecurityContext> keys, Trust trust) {
        if (token == null || token.isBlank()) {
            throw new TokenRefusedException("Send a reports token: Authorization: Bearer <token>.");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256),
                keys));
        Set<String> required = new HashSet<>(Set.of("sub", "exp", GROUPS, trust.organizationClaim()));
        if (trust.tokenIdRequired()) {
            required.add("jti");
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(trust.audience(),
                new JWTClaimsSet.Builder().issuer(trust.issuer()).build(), required));
        JWTClaimsSet set;
        try {
            set = processor.process(token.strip(), null);
        } catch (BadJWTException e) {
            throw new TokenRefusedException(refusal(e.getMessage(), trust.audience()));
        } catch (ParseException e) {
            throw new TokenRefusedException("The bearer token is not a JWT.");
        } catch (BadJOSEException e) {
            throw new TokenRefusedException("The token's signature is not one of its issuer's keys.");
        } catch (JOSEException e) {
            throw new TokenRefusedException("The token's signature could not be checked.");
        }
        try {
            UUID organization = UUID.fromString(set.getStringClaim(trust.organizationClaim()));
            List<String> groups = set.getStringListClaim(GROUPS);
            return new ReportTokenClaims(set.getIssuer(), set.getSubject(), set.getJWTID(), organization,
                    groups == null ? Set.of() : new HashSet<>(groups), set.getExpirationTime().toInstant());
        } catch (ParseException | IllegalArgumentException e) {
            throw new TokenRefusedException("The token's organization or groups claim is not in the expected form.");
        }
    }

    /**
     * The issuer a token names, unverified: only to choose which keys to check it with, never to trust it. Empty
     * for anything that is not a JWT with an issuer.
     */
    public static java.util.Optional<String> claimedIssuer(String token) {
        if (token == null || token.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(SignedJWT.parse(token.strip()).getJWTClaimsSet().getIssuer());
        } catch (ParseException notAJwt) {
            return java.util.Optional.empty();
        }
    }

    private static String refusal(String nimbusMessage, String audience) {
        String m = nimbusMessage == null ? "" : nimbusMessage;
        if (m.contains("Expired")) {
            return "The token has expired: ask the organization's administrator for a new one.";
        }
        if (m.contains("missing")) {
            return "The token lacks a required claim (sub, jti, exp, groups, organization).";
        }
        if (m.contains("audience")) {
            return "The token is not meant for the OpenVisit reports API (audience " + audience + ").";
        }
        if (m.contains("iss claim") || m.contains("iss\"") || m.contains("issuer")) {
            return "The token was issued by another issuer than this installation trusts.";
        }
        return "The token was refused.";
    }
}
