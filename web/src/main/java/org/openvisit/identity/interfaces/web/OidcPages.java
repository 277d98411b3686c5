package org.openvisit.identity.interfaces.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import static org.openvisit.shared.interfaces.web.Html.escape;

/** The small pages of the identity-provider sign-in: what went wrong and how to go on. */
final class OidcPages {

    private OidcPages() {
    }

    static void redirect(HttpServletResponse response, String location) {
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location);
    }

    static void error(HttpServletRequest request, HttpServletResponse response, int status, String title,
                      String message) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        String context = request.getContextPath();
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + " · OpenVisit</title><link rel=\"stylesheet\" href=\"" + escape(context)
                + "/jakarta.faces.resource/portal.css.xhtml?ln=openvisit\"></head><body class=\"ov-body\">"
                + "<header class=\"ov-header\"><a class=\"ov-brand\" href=\"" + escape(context) + "/\">OpenVisit</a>"
                + "</header><main class=\"ov-main\"><div class=\"ov-card ov-narrow\"><h1 id=\"oidcTitle\">"
                + escape(title) + "</h1><p id=\"oidcMessage\">" + escape(message) + "</p><p><a id=\"oidcAgain\" href=\""
                + escape(context + PortalAuthenticationMechanism.SIGN_IN_PAGE) + "\">Back to the sign-in</a></p></div>"
                + "</main><footer class=\"ov-footer\">OpenVisit — open-source EHR connector for virtual visits</footer>"
                + "</body></html>");
    }
}
