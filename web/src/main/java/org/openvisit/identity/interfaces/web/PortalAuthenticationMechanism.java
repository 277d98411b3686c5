package org.openvisit.identity.interfaces.web;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.identity.infrastructure.oidc.OidcClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a request proves who sent it. Portal pages: a session started by the sign-in screen; the
 * account is re-read on every request, so a disabled account or a changed role takes effect at
 * once. REST API ({@code /api/*}): HTTP Basic credentials of a portal account on each request, no
 * session, in both sign-in modes (API clients use local service accounts). Unauthenticated requests
 * for protected pages go to the sign-in screen, or with {@code openvisit.portal.sign-in=oidc} straight
 * to the organization's identity provider ({@link OidcStartServlet}); the API answers a 401 problem document.
 */
@ApplicationScoped
public class PortalAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SIGN_IN_PAGE = "/sign-in.xhtml";

    @Inject
    private IdentityStoreHandler identityStores;

    @EJB
    private AccountService accounts;

    @Inject
    private OidcClient oidc;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential typed = context.getAuthParameters().getCredential();
        if (typed != null) {
            return signIn(request, context, typed);
        }
        if (isApi(request)) {
            return apiRequest(request, response, context);
        }
        SignedInSession session = SignedInSession.of(request);
        if (session != null) {
            Optional<SignedInUser> current = accounts.current(session.username());
            if (current.isPresent()) {
                return context.notifyContainerAboutLogin(new CallerPrincipal(current.get().username()), groups(current.get()));
            }
            request.getSession().invalidate(); // the account was disabled or removed meanwhile
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String next = URLEncoder.encode(originalTarget(request), StandardCharsets.UTF_8);
        if (oidc.settings().oidc()) {
            // straight to the organization's identity provider, which may sign the user in without a question
            return context.redirect(request.getContextPath() + OidcStartServlet.PATH + "?next=" + next);
        }
        return context.redirect(request.getContextPath() + SIGN_IN_PAGE + "?next=" + next);
    }

    /**
     * The sign-in screen hands over the typed credential through SecurityContext.authenticate. With
     * {@code openvisit.portal.sign-in=oidc} portal passwords are not accepted: the identity provider signs
     * people in ({@link OidcCallbackServlet}).
     */
    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, Credential typed) {
        if (oidc.settings().oidc()) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        CredentialValidationResult result = identityStores.validate(typed);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        SignedInSession.start(request, result.getCallerPrincipal().getName());
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus apiRequest(HttpServletRequest request, HttpServletResponse response,
                                            HttpMessageContext context) {
        Optional<UsernamePasswordCredential> basic = basicCredential(request.getHeader("Authorization"));
        if (basic.isPresent()) {
            CredentialValidationResult result = identityStores.validate(basic.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return unauthorized(response, context, "The username or password is wrong.");
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return unauthorized(response, context,
                "Sign in: send the username and password of a portal account with HTTP Basic authentication.");
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context,
                                                     String detail) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"OpenVisit\", charset=\"UTF-8\"");
        response.setContentType("application/problem+json");
        try {
            response.getWriter().write(Jsons.createObjectBuilder()
                    .add("type", "about:blank").add("title", "Unauthorized").add("status", 401).add("detail", detail)
                    .build().toString());
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    static Optional<UsernamePasswordCredential> basicCredential(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/api");
    }

    private static String originalTarget(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }

    private static java.util.Set<String> groups(SignedInUser user) {
        return user.roles().stream().map(Enum::name).collect(Collectors.toSet());
    }
}
