package org.openvisit.shared.interfaces.web;

import jakarta.servlet.http.HttpServletResponse;

import java.util.List;

/**
 * The security headers' values for one response (pure, so that tests can read them).
 * <ul>
 *   <li>{@code Content-Security-Policy}: nothing from another site, no plugins, forms only to this server, inline
 *       styles allowed (PrimeFaces positions with them), and who may frame the page. Scripts only from files of
 *       this server; on the portal's JSF pages also the inline scripts PrimeFaces writes with the view's nonce
 *       ({@code primefaces.CSP}; {@link ScriptNonceHeader} adds the nonce once the page is rendered). No page allows
 *       {@code 'unsafe-inline'} script or an {@code on…} handler.</li>
 *   <li>{@code Permissions-Policy}: camera and microphone for this server's own visit pages only.</li>
 *   <li>{@code Referrer-Policy: same-origin}: no address (which may hold a visit id) leaves for another site, while
 *       the portal's own form posts keep their {@code Origin} ({@code SameOriginPosts}). Join links and visit pages
 *       send none at all ({@code no-referrer}, set by their servlets).</li>
 * </ul>
 */
public final class PageHeaders {

    static final String REFERRER_POLICY = "same-origin";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private static final String SOURCES = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; ";
    private static final String SCRIPTS = "; script-src 'self'";
    private static final String NO_DEVICES = "camera=(), microphone=(), display-capture=(), geolocation=(), "
            + "payment=(), usb=(), serial=(), bluetooth=()";
    private static final String VISIT_DEVICES = "camera=(self), microphone=(self), display-capture=(self), "
            + "geolocation=(), payment=(), usb=(), serial=(), bluetooth=()";

    private PageHeaders() {
    }

    /** The policy for a page that {@code frameAncestors} may frame (none: {@code 'none'}). */
    static String contentSecurityPolicy(List<String> frameAncestors) {
        return SOURCES + SecurityHeaders.directive(frameAncestors) + SCRIPTS;
    }

    /**
     * The same, for a visit page whose call may go through the group-visit SFU at {@code sfuOrigin} (its Janus API on
     * another origin; {@code null} or blank: none): the page may also connect there.
     */
    static String contentSecurityPolicy(List<String> frameAncestors, String sfuOrigin) {
        if (sfuOrigin == null || sfuOrigin.isBlank() || !sfuOrigin.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
            return contentSecurityPolicy(frameAncestors);
        }
        return SOURCES.replace("connect-src 'self';", "connect-src 'self' " + sfuOrigin + ";")
                + SecurityHeaders.directive(frameAncestors) + SCRIPTS;
    }

    /** The page's policy with PrimeFaces' per-view nonce added to its scripts (a nonce is base64: nothing to escape). */
    static String withScriptNonce(String pagePolicy, String nonce) {
        if (nonce == null || !nonce.matches("[A-Za-z0-9+/=_-]{8,200}") || !pagePolicy.endsWith(SCRIPTS)) {
            return pagePolicy;
        }
        return pagePolicy + " 'nonce-" + nonce + "'";
    }

    /**
     * The headers of a page nobody may frame, for answers written before the {@link SecurityHeaders} filter runs:
     * the sign-in mechanism's refusals (401, 429) come from the container's authentication step.
     */
    public static void applyToRefusal(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(List.of()));
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", REFERRER_POLICY);
        response.setHeader("Permissions-Policy", permissionsPolicy(false));
    }

    static String permissionsPolicy(boolean visitPage) {
        return visitPage ? VISIT_DEVICES : NO_DEVICES;
    }

    /** Pages that use the camera and microphone: the visit's pages and the device test. */
    static boolean usesDevices(String path) {
        return SecurityHeaders.VISIT.matcher(path).matches() || path.equals("/device-test");
    }
}
