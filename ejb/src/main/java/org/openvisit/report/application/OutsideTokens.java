package org.openvisit.report.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.openvisit.ehr.EhrKeySets;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;
import org.openvisit.report.infrastructure.jwt.ReportJwt;
import org.openvisit.tenant.application.OutboundAddressConfiguration;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tokens of the configured {@link OutsideIssuer}, checked against its JWKS, read with the {@code ehr} layer's
 * {@link EhrKeySets} on {@link OutboundHttp} (the outbound address policy, timeouts, no redirects; keys cached ten
 * minutes, a key not yet known read again at most twice in 30 s). Only a token that names that issuer comes here.
 */
@ApplicationScoped
public class OutsideTokens {

    private static final Logger LOG = Logger.getLogger(OutsideTokens.class.getName());

    @Inject
    private Config config;

    @Inject
    private OutboundAddressConfiguration addresses;

    private Optional<OutsideIssuer> issuer = Optional.empty();
    private EhrKeySets keySets;

    protected OutsideTokens() {
        // for CDI
    }

    /** Outside the container (tests). */
    public OutsideTokens(OutsideIssuer issuer, OutboundAddressPolicy policy) {
        this.issuer = Optional.of(issuer);
        this.keySets = new EhrKeySets(new OutboundHttp(policy));
    }

    @PostConstruct
    void init() {
        try {
            issuer = OutsideIssuer.parse(key -> config.getOptionalValue(key, String.class));
        } catch (IllegalStateException wrong) {
            LOG.severe(() -> "The reports API trusts no outside token issuer: " + wrong.getMessage());
            issuer = Optional.empty();
        }
        keySets = new EhrKeySets(new OutboundHttp(addresses.policy()));
        issuer.ifPresent(i -> LOG.info(() -> "The reports API also trusts tokens of " + i.issuer() + " (keys "
                + i.jwksUrl() + ", audience " + i.audience() + ", organization claim " + i.organizationClaim() + ")"));
    }

    /** Whether the token names the outside issuer (unverified: it decides which keys to check it with). */
    public boolean names(String token) {
        return issuer.isPresent() && ReportJwt.claimedIssuer(token).filter(issuer.get().issuer()::equals).isPresent();
    }

    /**
     * The claims of a token of the outside issuer; a key not in the cached set makes the set be read again once.
     *
     * @throws TokenRefusedException not one of its valid tokens, or its keys cannot be read
     */
    public ReportTokenClaims verify(String token) {
        OutsideIssuer outside = issuer.orElseThrow(() -> new TokenRefusedException("The token was refused."));
        try {
            return ReportJwt.verify(token, keySets.source(outside.jwksUrl()), outside.trust());
        } catch (TokenRefusedException first) {
            if (first.getMessage().contains("signature") && keySets.refresh(outside.jwksUrl())) {
                return ReportJwt.verify(token, keySets.source(outside.jwksUrl()), outside.trust());
            }
            throw first;
        }
    }
}
