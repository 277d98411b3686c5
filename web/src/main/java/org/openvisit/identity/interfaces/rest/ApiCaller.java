package org.openvisit.identity.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.NotAuthorizedException;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.tenant.domain.model.Actor;

import java.security.Principal;

/**
 * The caller of an API request as the actor services act for: the account that signed the request
 * (HTTP Basic), read afresh so that a disabled account or a changed role counts at once. Never taken
 * from the request body.
 */
@RequestScoped
public class ApiCaller {

    @Inject
    private SecurityContext securityContext;

    @EJB
    private AccountService accounts;

    private Actor actor;

    /** @throws NotAuthorizedException (401) when nobody, or a since disabled account, signed the request */
    public Actor actor() {
        if (actor == null) {
            Principal principal = securityContext.getCallerPrincipal();
            actor = (principal == null ? java.util.Optional.<SignedInUser>empty() : accounts.current(principal.getName()))
                    .map(SignedInUser::actor)
                    .orElseThrow(() -> new NotAuthorizedException("Basic realm=\"OpenVisit\", charset=\"UTF-8\""));
        }
        return actor;
    }
}
