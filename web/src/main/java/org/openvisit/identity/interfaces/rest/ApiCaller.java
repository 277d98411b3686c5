package org.openvisit.identity.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.NotAuthorizedException;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.tenant.domain.model.Actor;

import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.identity.interfaces.web.BearerCaller;

import java.security.Principal;
import java.util.Optional;

/**
 * The caller of an API request as the actor services act for: the account that signed the request
 * (HTTP Basic), read afresh so that a disabled account or a changed role counts at once. Never taken
 * from the request body. On the reports API: a verified reports bearer token's service account
 * ({@link BearerCaller}).
 */
@RequestScoped
public class ApiCaller {

    @Inject
    private SecurityContext securityContext;

    @EJB
    private AccountService accounts;

    @Inject
    private HttpServletRequest request;

    private Actor actor;

    /** @throws NotAuthorizedException (401) when nobody, or a since disabled account, signed the request */
    public Actor actor() {
        if (actor == null) {
            Optional<Actor> bearer = BearerCaller.of(request);
            if (bearer.isPresent()) {
                actor = bearer.get();
                return actor;
            }
            Principal principal = securityContext.getCallerPrincipal();
            actor = (principal == null ? java.util.Optional.<SignedInUser>empty() : accounts.current(principal.getName()))
                    .map(SignedInUser::actor)
                    .orElseThrow(() -> new NotAuthorizedException("Basic realm=\"OpenVisit\", charset=\"UTF-8\""));
        }
        return actor;
    }
}
