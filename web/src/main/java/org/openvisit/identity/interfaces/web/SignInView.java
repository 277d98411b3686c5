package org.openvisit.identity.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.infrastructure.oidc.OidcClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The sign-in screen: username and password of a built-in account, then back to where the user was going;
 * with {@code openvisit.portal.sign-in=oidc} a button to the organization's identity provider instead.
 */
@Named
@RequestScoped
public class SignInView {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    @Inject
    private IdentityText text;

    private String username;
    private String password;
    private String next;

    @Inject
    private OidcClient oidc;

    /** Whether people sign in at the organization's identity provider instead of with a password here. */
    public boolean isOidc() {
        return oidc.settings().oidc();
    }

    /** The address that starts the sign-in at the identity provider, keeping where the user was going. */
    public String getOidcStartUrl() {
        return faces.getExternalContext().getRequestContextPath() + OidcStartServlet.PATH + "?next="
                + URLEncoder.encode(SafeRedirect.target(next), StandardCharsets.UTF_8);
    }

    public void signIn() throws IOException {
        ExternalContext external = faces.getExternalContext();
        if (isOidc()) {
            external.redirect(getOidcStartUrl());
            faces.responseComplete();
            return;
        }
        external.getRequestMap().put(PortalAuthenticationMechanism.NEXT, next);
        AuthenticationStatus status = securityContext.authenticate(
                (HttpServletRequest) external.getRequest(), (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username == null ? "" : username.strip(),
                                password == null ? "" : password))
                        .newAuthentication(true));
        password = null;
        switch (status) {
            case SUCCESS -> {
                external.redirect(external.getRequestContextPath() + SafeRedirect.target(next));
                faces.responseComplete();
            }
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                Object wait = ((HttpServletRequest) external.getRequest())
                        .getAttribute(PortalAuthenticationMechanism.WAIT_SECONDS);
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, wait == null
                        ? text.get("signIn.wrong") : text.format("signIn.mustWait", wait), null));
            }
        }
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
