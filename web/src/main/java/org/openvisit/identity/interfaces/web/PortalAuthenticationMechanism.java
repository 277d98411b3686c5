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
import org.openvisit.identity.application.SecondFactorService;
import org.openvisit.identity.application.SecondStep;
import org.openvisit.identity.application.SignInThrottle;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.identity.infrastructure.oidc.OidcClient;
import org.openvisit.operations.interfaces.web.OperationsPaths;
import org.openvisit.report.application.ReportTokenClaims;
import org.openvisit.report.application.ReportTokenService;
import org.openvisit.report.application.TokenRefusedException;
import org.openvisit.shared.interfaces.web.PageHeaders;

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
 * session, in both sign-in modes (API clients use local service accounts); the same for the operations endpoints
 * ({@code /metrics}, and {@code /health} beyond the load balancers' probes; {@link OperationsPaths}), which web.xml
 * opens to operators only. Unauthenticated requests
 * for protected pages go to the sign-in screen, or with {@code openvisit.portal.sign-in=oidc} straight
 * to the organization's identity provider ({@link OidcStartServlet}); the API answers a 401 problem document. The
 * reports API ({@code /api/reports/...}) also takes a reports bearer token ({@link BearerCaller}).
 */
@ApplicationScoped
public class PortalAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SIGN_IN_PAGE = "/sign-in.xhtml";
    static final String REPORTS_API = "/api/reports/";

    @Inject
    private IdentityStoreHandler identityStores;

    @EJB
    private AccountService accounts;

    @Inject
    private OidcClient oidc;

    @EJB
    private SignInThrottle throttle;

    @EJB
    private ReportTokenService reportTokens;

    @EJB
    private SecondFactorService secondFactors;

    static final String SECOND_FACTOR_ON_API = "This account signs in with a second factor, which HTTP Basic cannot "
            + "carry. Use the portal; for the reports API a reports token (Authorization: Bearer); for other programs "
            + "a service account of its own without a second factor.";

    static final String ACCOUNT_PAGE = "/account.xhtml";

    static final String MUST_CHANGE_ON_API = "This account's password was reset by an administrator: sign in to the "
            + "portal and choose a new password first.";

    /**
     * What a person whose password was reset may open before changing it: My account (where they change it, and sign
     * out), the portal's style sheets and scripts, and the language switcher.
     */
    static boolean mayOpenBeforePasswordChange(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(ACCOUNT_PAGE) || path.startsWith("/jakarta.faces.resource/")
                || path.equals(LanguageChoiceServlet.PATH);
    }

    /** Set by the sign-in screen: where the user was going (kept across the second factor's page). */
    static final String NEXT = "org.openvisit.signIn.next";

    /** Set on a sign-in request that had to wait: the seconds left ({@link SignInView} says so). */
    static final String WAIT_SECONDS = "org.openvisit.signIn.waitSeconds";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential typed = context.getAuthParameters().getCredential();
        if (typed != null) {
            return signIn(request, context, typed);
        }
        if (isApi(request) || isOperations(request)) {
            return apiRequest(request, response, context);
        }
        SignedInSession session = SignedInSession.of(request);
        if (session != null) {
            Optional<SignedInUser> current = accounts.current(session.username());
            if (current.isPresent()) {
                AccountLanguage.apply(request, response, current.get().language());
                if (current.get().mustChangePassword() && !mayOpenBeforePasswordChange(request)) {
                    // a one-time password of a reset: changed first, before any other page opens
                    return context.redirect(request.getContextPath() + ACCOUNT_PAGE + "?change=required");
                }
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
        CredentialValidationResult result = checked(request, typed, "portal");
        if (result == null) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        String username = result.getCallerPrincipal().getName();
        SecondStep next = secondFactors.afterPassword(username);
        if (next != SecondStep.NONE) {
            // not signed in yet: the code (or setting up the second factor) comes first, on a page of its own
            throttle.passwordAccepted(username, request.getRemoteAddr(), "portal");
            Object wanted = request.getAttribute(NEXT);
            String target = SafeRedirect.target(wanted == null ? null : wanted.toString());
            PendingSignIn.start(request, username, next == SecondStep.ENROL, target);
            return context.redirect(request.getContextPath()
                    + (next == SecondStep.ENROL ? SecondFactorScreen.PAGE : SignInCodeView.PAGE));
        }
        throttle.succeeded(username, request.getRemoteAddr(), "portal");
        SignedInSession.start(request, username);
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus apiRequest(HttpServletRequest request, HttpServletResponse response,
                                            HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearerRequest(request, response, context, authorization.substring(7));
        }
        Optional<UsernamePasswordCredential> basic = basicCredential(request.getHeader("Authorization"));
        if (basic.isPresent()) {
            CredentialValidationResult result = checked(request, basic.get(), "api");
            if (result == null) {
                Object wait = request.getAttribute(WAIT_SECONDS);
                response.setHeader("Retry-After", String.valueOf(wait));
                return refused(response, context, 429, "Too Many Requests",
                        "Too many failed sign-ins for this account or address: try again in " + wait + " seconds.");
            }
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                String username = result.getCallerPrincipal().getName();
                if (secondFactors.afterPassword(username) == SecondStep.CODE) {
                    // HTTP Basic cannot carry a one-time code (each request would need a new one); see docs/security.md
                    throttle.passwordAccepted(username, request.getRemoteAddr(), "api");
                    return unauthorized(response, context, SECOND_FACTOR_ON_API);
                }
                if (accounts.current(username).map(SignedInUser::mustChangePassword).orElse(false)) {
                    return refused(response, context, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                            MUST_CHANGE_ON_API);
                }
                throttle.succeeded(username, request.getRemoteAddr(), "api");
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

    /**
     * A reports bearer token (a JWT this installation issued): verified on every request (signature, issuer, audience,
     * expiry, not revoked), good for the reports API only; no session.
     */
    private AuthenticationStatus bearerRequest(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context, String token) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(REPORTS_API)) {
            return unauthorizedBearer(response, context,
                    "A bearer token opens only the reports API (" + REPORTS_API + "...); sign in with HTTP Basic.");
        }
        ReportTokenClaims claims;
        try {
            claims = reportTokens.verify(token);
        } catch (TokenRefusedException e) {
            return unauthorizedBearer(response, context, e.getMessage());
        }
        BearerCaller.set(request, claims);
        return context.notifyContainerAboutLogin(new CallerPrincipal(claims.subject()), claims.groups());
    }

    private static AuthenticationStatus unauthorizedBearer(HttpServletResponse response, HttpMessageContext context,
                                                           String detail) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"OpenVisit reports\", error=\"invalid_token\"");
        return refused(response, context, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    /**
     * The credential checked under the sign-in throttle (failures counted; the caller records a success):
     * {@code null} when the account or address must wait (the
     * password is then not checked at all, and {@link #WAIT_SECONDS} says how long).
     */
    private CredentialValidationResult checked(HttpServletRequest request, Credential credential, String channel) {
        String username = credential instanceof UsernamePasswordCredential up ? up.getCaller() : "";
        String address = request.getRemoteAddr();
        Optional<java.time.Duration> wait = throttle.mustWait(username, address, channel);
        if (wait.isPresent()) {
            request.setAttribute(WAIT_SECONDS, Math.max(1, wait.get().toSeconds() + 1));
            return null;
        }
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(username, address, channel);
        } // a right password is audited by the caller: a second factor may still be asked for
        return result;
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context,
                                                     String detail) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"OpenVisit\", charset=\"UTF-8\"");
        return refused(response, context, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    private static AuthenticationStatus refused(HttpServletResponse response, HttpMessageContext context, int status,
                                                String title, String detail) {
        response.setStatus(status);
        PageHeaders.applyToRefusal(response);
        response.setContentType("application/problem+json");
        try {
            response.getWriter().write(Jsons.createObjectBuilder()
                    .add("type", "about:blank").add("title", title).add("status", status).add("detail", detail)
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

    /** Payara's metrics and health endpoints, by the path the container matched (no path parameters, no dot segments). */
    private static boolean isOperations(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return OperationsPaths.covers(request.getServletPath() + (pathInfo == null ? "" : pathInfo));
    }

    private static String originalTarget(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }

    private static java.util.Set<String> groups(SignedInUser user) {
        return user.roles().stream().map(Enum::name).collect(Collectors.toSet());
    }
}
