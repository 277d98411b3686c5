package org.openvisit.shared.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.interfaces.web.SessionCookieSettings;
import org.openvisit.launch.interfaces.web.BrowserLaunchState;
import org.openvisit.launch.interfaces.web.BrowserStates;
import org.openvisit.tenant.application.FrameAncestorsLookup;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one filter for security headers on every response of OpenVisit:
 * <ul>
 *   <li>who may show the page in a frame: the launch ({@code /launch...}) and visit pages
 *       ({@code /visit/<id>...}) answer {@code Content-Security-Policy: frame-ancestors} with the sites of the
 *       endpoint they belong to (set per endpoint in the portal; default the EHR's own site) and no
 *       {@code X-Frame-Options}; every other page (the portal, sign-in, API) answers
 *       {@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY};</li>
 *   <li>the rest of the Content-Security-Policy, Permissions-Policy, Referrer-Policy,
 *       {@code X-Content-Type-Options: nosniff} and, in production, HSTS ({@link PageHeaders});</li>
 *   <li>the session cookie's attributes on the wire ({@link SessionCookieHeaders}).</li>
 * </ul>
 * Payara's own blanket {@code X-Frame-Options: SAMEORIGIN} is switched off in the server configuration
 * ({@code xframe-options=false}, see server-config/pre-boot-commands.asadmin and the README).
 */
@WebFilter(filterName = "SecurityHeaders", urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String NONE = "frame-ancestors 'none'";
    /**
     * The visit's pages (the clinician's page and the lobby), which an EHR may frame. Its JSON (events, quality) and
     * its socket are never framed, so they take the default and cost no look-up of the endpoint on every poll.
     */
    static final Pattern VISIT = Pattern.compile("/visit/([0-9a-fA-F-]{36})(?:/lobby)?/?");

    @EJB
    private transient FrameAncestorsLookup lookup;

    @Inject
    private transient SessionCookieSettings cookies;

    @Inject
    private transient BrowserStates browsers;

    private transient volatile String sfuOrigin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<List<String>> frameable = frameAncestors(request, response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Content-Security-Policy", PageHeaders.contentSecurityPolicy(frameable.orElse(List.of()),
                PageHeaders.usesDevices(path) ? sfuOrigin() : null));
        if (frameable.isEmpty()) {
            response.setHeader("X-Frame-Options", "DENY");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", PageHeaders.REFERRER_POLICY);
        response.setHeader("Permissions-Policy", PageHeaders.permissionsPolicy(PageHeaders.usesDevices(path)));
        if (cookies.policy().secure()) { // production (or TLS configured): browsers keep to HTTPS from now on
            response.setHeader("Strict-Transport-Security", PageHeaders.HSTS);
        }
        SessionCookieHeaders sessionCookie = new SessionCookieHeaders(cookies.policy(), cookies.nodeRoute(), response);
        chain.doFilter(sessionCookie.request(request), sessionCookie.response());
        sessionCookie.apply();
    }

    /** The origin of the group-visit SFU's Janus API when one is configured ({@code openvisit.rooms.sfu.*}), or "". */
    private String sfuOrigin() {
        String origin = sfuOrigin;
        if (origin == null) {
            org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
            origin = config.getOptionalValue("openvisit.rooms.sfu.enabled", Boolean.class).orElse(false)
                    ? config.getOptionalValue("openvisit.rooms.sfu.url", String.class).map(SecurityHeaders::originOf)
                    .orElse("") : "";
            sfuOrigin = origin;
        }
        return origin;
    }

    static String originOf(String url) {
        try {
            java.net.URI u = java.net.URI.create(url.strip());
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The sites that may frame this page; empty for a page no site may frame. */
    private Optional<List<String>> frameAncestors(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean launch = path.equals("/launch") || path.startsWith("/launch/");
        if (launch && request.getParameter("iss") != null) {
            // a launch, at /launch or at an endpoint's own launch URL under it
            List<String> origins = lookup.forIssuer(request.getParameter("iss"));
            // kept with the pending launch (one write, LaunchPages.toEhr) for the callback's pages, which carry no iss
            request.setAttribute(BrowserLaunchState.FRAME_ANCESTORS_ATTRIBUTE, origins);
            return Optional.of(origins);
        }
        if (launch) {
            // the callback and its refusal pages: the sites of the launch this browser began, if any
            return Optional.of(browsers.find(request).map(BrowserLaunchState::launchFrameAncestors).orElse(List.of()));
        }
        Matcher visit = VISIT.matcher(path);
        if (visit.matches()) {
            try {
                return Optional.of(lookup.forVisit(UUID.fromString(visit.group(1))));
            } catch (IllegalArgumentException notAVisitId) {
                return Optional.of(List.of());
            }
        }
        return Optional.empty();
    }

    static String directive(List<String> origins) {
        return origins.isEmpty() ? NONE : "frame-ancestors " + String.join(" ", origins);
    }
}
