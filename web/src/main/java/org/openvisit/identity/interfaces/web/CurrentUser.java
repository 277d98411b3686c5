package org.openvisit.identity.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/** The signed-in user of this request, for screens (name, roles) and services (the actor). */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    private SecurityContext securityContext;

    @EJB
    private AccountService accounts;

    private Optional<SignedInUser> user;

    public Optional<SignedInUser> user() {
        if (user == null) {
            Principal principal = securityContext.getCallerPrincipal();
            user = principal == null ? Optional.empty() : accounts.current(principal.getName());
        }
        return user;
    }

    public boolean isSignedIn() {
        return user().isPresent();
    }

    public String getDisplayName() {
        return user().map(SignedInUser::displayName).orElse("");
    }

    public boolean isOperator() {
        return user().map(u -> u.roles().contains(Role.OPERATOR)).orElse(false);
    }

    /** Whether their password is a one-time password of a reset, to be changed before any other page opens. */
    public boolean isMustChangePassword() {
        return user().map(SignedInUser::mustChangePassword).orElse(false);
    }

    /** Whether the Users screen is theirs: an organization's administrators manage its users. */
    public boolean isManagesUsers() {
        return user().map(u -> u.roles().contains(Role.ORG_ADMIN)).orElse(false);
    }

    /** Whether the Reports screen is theirs: operators, an organization's administrators and report readers. */
    public boolean isReadsReports() {
        return user().map(u -> u.roles().contains(Role.OPERATOR) || u.roles().contains(Role.ORG_ADMIN)
                || u.roles().contains(Role.REPORT_READER)).orElse(false);
    }

    /** The actor for service calls; only reached on protected screens, where someone is signed in. */
    public Actor actor() {
        return user().map(SignedInUser::actor).orElseThrow(() -> new IllegalStateException("Nobody is signed in."));
    }

    /** Where "/" leads: operators to the organizations, members to their endpoints, others to the sign-in. */
    public String home() {
        if (!isSignedIn()) {
            return PortalAuthenticationMechanism.SIGN_IN_PAGE + "?faces-redirect=true";
        }
        return (isOperator() ? "/organizations.xhtml" : "/endpoints.xhtml") + "?faces-redirect=true";
    }

    public void signOut() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        try {
            request.logout();
        } catch (jakarta.servlet.ServletException alreadyOut) {
            // nothing to undo
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        external.redirect(external.getRequestContextPath() + PortalAuthenticationMechanism.SIGN_IN_PAGE + "?signedOut=true");
        FacesContext.getCurrentInstance().responseComplete();
    }
}
