package org.openvisit.identity.interfaces.web;

import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.report.application.ReportTokenClaims;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The caller of a reports API request that carried a verified bearer token: a service account of the token's
 * organization, with at most the report reader's role (a token never makes an administrator or an operator, whatever
 * its groups say). Kept on the request by {@link PortalAuthenticationMechanism} for the API's caller.
 */
public final class BearerCaller {

    static final String ATTRIBUTE = "org.openvisit.api.bearerCaller";

    private BearerCaller() {
    }

    /** The actor a token's claims make. */
    public static Actor actorOf(ReportTokenClaims claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claims.groups().contains(Role.REPORT_READER.name())) {
            roles.add(Role.REPORT_READER);
        }
        return new Actor(claims.subject(), claims.organizationId(), roles);
    }

    static void set(HttpServletRequest request, ReportTokenClaims claims) {
        request.setAttribute(ATTRIBUTE, actorOf(claims));
    }

    /** The bearer caller of this request, if it carried a token. */
    public static Optional<Actor> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Actor a ? Optional.of(a) : Optional.empty();
    }
}
