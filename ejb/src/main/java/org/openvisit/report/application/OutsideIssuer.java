package org.openvisit.report.application;

import org.openvisit.report.infrastructure.jwt.ReportJwt;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * An outside issuer whose tokens the reports API trusts besides OpenVisit's own (an organization's identity provider
 * issuing tokens for its BI service accounts), from MicroProfile Config: {@value #ISSUER} (exact {@code iss}),
 * {@value #JWKS_URL} (its signing keys, read through the {@code ehr} layer's outbound policy), {@value #AUDIENCE}
 * (default {@code openvisit-reports}) and {@value #ORGANIZATION_CLAIM} (the claim holding the OpenVisit organization's
 * id, default {@code organization}). Roles come from the {@code groups} claim as for OpenVisit's tokens.
 */
public record OutsideIssuer(String issuer, URI jwksUrl, String audience, String organizationClaim) {

    public static final String ISSUER = "openvisit.reports.jwt.trusted-issuer";
    public static final String JWKS_URL = "openvisit.reports.jwt.trusted-jwks-url";
    public static final String AUDIENCE = "openvisit.reports.jwt.trusted-audience";
    public static final String ORGANIZATION_CLAIM = "openvisit.reports.jwt.trusted-organization-claim";

    /**
     * The configured issuer; empty when none is configured.
     *
     * @throws IllegalStateException an issuer without a JWKS URL, or a JWKS URL that is not an absolute http(s) URL
     */
    public static Optional<OutsideIssuer> parse(Function<String, Optional<String>> config) {
        Optional<String> issuer = config.apply(ISSUER).map(String::strip).filter(s -> !s.isEmpty());
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        String jwks = config.apply(JWKS_URL).map(String::strip).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new IllegalStateException(ISSUER + " is set, but " + JWKS_URL + " (its signing keys) is not."));
        URI url;
        try {
            url = URI.create(jwks);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(JWKS_URL + " is not a URL: " + jwks);
        }
        if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalStateException(JWKS_URL + " must be an absolute https URL: " + jwks);
        }
        String audience = config.apply(AUDIENCE).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(ReportJwt.AUDIENCE);
        String claim = config.apply(ORGANIZATION_CLAIM).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(ReportJwt.ORGANIZATION);
        return Optional.of(new OutsideIssuer(issuer.get(), url, audience, claim));
    }

    ReportJwt.Trust trust() {
        return new ReportJwt.Trust(issuer, audience, organizationClaim, false);
    }
}
