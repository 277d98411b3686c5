package org.openvisit.report.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.report.domain.model.ReportToken;
import org.openvisit.report.domain.model.ReportTokenRepository;
import org.openvisit.report.infrastructure.jwt.ReportJwt;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Reports bearer tokens of an organization's service accounts: an organization administrator issues one (a name and a
 * lifetime; the token is returned this once), lists and revokes them; every API request's token is verified here
 * (signature with the installation key, issuer, audience, expiry, and not revoked).
 */
@Stateless
public class ReportTokenService {

    @Inject
    private OutsideTokens outside;

    public static final String READER_GROUP = Role.REPORT_READER.name();
    private static final Logger LOG = Logger.getLogger(ReportTokenService.class.getName());

    @Inject
    private ReportTokenRepository tokens;

    @Inject
    private ReportTokenKeys keys;

    private final Clock clock = Clock.systemUTC();

    /**
     * @throws ForbiddenException    the actor is not an administrator of an organization
     * @throws InvalidValueException a blank or long name, a lifetime out of 1 to 366 days
     */
    public IssuedReportToken issue(@NotNull Actor actor, String name, int lifetimeDays) {
        UUID organization = administeredOrganization(actor);
        if (lifetimeDays < 1 || lifetimeDays > ReportToken.MAX_LIFETIME.toDays()) {
            throw new InvalidValueException("lifetimeDays", "A token lives from one day to "
                    + ReportToken.MAX_LIFETIME.toDays() + " days.").worded("reportToken.lifetime", ReportToken.MAX_LIFETIME.toDays());
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        ReportToken token = new ReportToken(id, organization, name, List.of(READER_GROUP), now,
                Duration.ofDays(lifetimeDays));
        tokens.add(token);
        String jwt = ReportJwt.sign(keys.signingKey(), keys.issuer(), new ReportTokenClaims(keys.issuer(),
                "report-token:" + id, id.toString(), organization, Set.of(READER_GROUP), token.expiresAt()), now);
        LOG.info(() -> "Reports token " + id + " issued for organization " + organization + " by " + actor.username());
        return new IssuedReportToken(jwt, ReportTokenView.of(token));
    }

    /** The actor's organization's tokens, newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ReportTokenView> list(@NotNull Actor actor) {
        return tokens.ofOrganization(administeredOrganization(actor)).stream().map(ReportTokenView::of).toList();
    }

    /**
     * @throws InvalidValueException no token of the actor's organization has this id
     */
    public ReportTokenView revoke(@NotNull Actor actor, @NotNull UUID id) {
        UUID organization = administeredOrganization(actor);
        ReportToken token = tokens.find(id).filter(t -> t.organizationId().equals(organization))
                .orElseThrow(() -> new InvalidValueException("id", "The organization has no such token.")
                        .worded("reportToken.unknown"));
        token.revoke(clock.instant());
        LOG.info(() -> "Reports token " + id + " revoked by " + actor.username());
        return ReportTokenView.of(token);
    }

    /**
     * The claims of a bearer token that may be served now: one of this installation's (checked against its key and
     * its store: revoked tokens are refused), or one of the configured outside issuer's ({@link OutsideTokens}).
     *
     * @throws TokenRefusedException missing, malformed, expired, wrong issuer or audience, bad signature, unknown or
     *                               revoked
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ReportTokenClaims verify(String bearer) {
        if (outside != null && outside.names(bearer)
                && !ReportJwt.claimedIssuer(bearer).orElse("").equals(keys.issuer())) {
            return outside.verify(bearer); // the outside issuer's own: no row here, it revokes them itself
        }
        ReportTokenClaims claims = ReportJwt.verify(bearer, keys.publicKeys(), keys.issuer());
        UUID id;
        try {
            id = UUID.fromString(claims.tokenId());
        } catch (IllegalArgumentException e) {
            throw new TokenRefusedException("The token was not issued by this installation.");
        }
        ReportToken token = tokens.find(id).orElseThrow(() ->
                new TokenRefusedException("The token was not issued by this installation."));
        if (token.revoked()) {
            throw new TokenRefusedException("The token was revoked.");
        }
        if (!token.organizationId().equals(claims.organizationId())) {
            throw new TokenRefusedException("The token was not issued by this installation.");
        }
        return claims;
    }

    /** The public keys (JWKS JSON) clients and other services check the tokens with. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String publicKeys() {
        return keys.publicKeys().toString(true);
    }

    private static UUID administeredOrganization(Actor actor) {
        UUID own = actor.organizationId();
        if (own == null || !actor.hasRoleIn(Role.ORG_ADMIN, own)) {
            throw new ForbiddenException("Only the organization's administrators manage its reports tokens.")
                    .worded("reportToken.forbidden");
        }
        return own;
    }
}
