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

    /**
     * A refusal page in the viewer's language: title and text from the identity texts ({@code oidc.<case>.title},
     * {@code oidc.<case>.text} with {@code arguments}); {@code detail} is what the identity provider or the layer said,
     * for the technical reader (English, marked so), or {@code null}.
     */
    static void error(HttpServletRequest request, HttpServletResponse response, int status, String kase,
                      String detail, Object... arguments) throws IOException {
        java.util.Locale locale = org.openvisit.shared.interfaces.web.BrowserLanguage.of(request);
        var texts = org.openvisit.shared.interfaces.web.BundleTexts.of(IdentityText.BUNDLE, locale);
        var shared = org.openvisit.shared.interfaces.web.BundleTexts.of(
                org.openvisit.shared.interfaces.web.SharedText.BUNDLE, locale);
        String title = texts.get("oidc." + kase + ".title");
        String message = texts.format("oidc." + kase + ".text", arguments);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        String context = request.getContextPath();
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + org.openvisit.shared.interfaces.web.BrowserLanguage.tag(locale)
                + "\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + " · OpenVisit</title><link rel=\"stylesheet\" href=\"" + escape(context)
                + "/jakarta.faces.resource/portal.css.xhtml?ln=openvisit\"></head><body class=\"ov-body\">"
                + "<header class=\"ov-header\"><a class=\"ov-brand\" href=\"" + escape(context) + "/\">OpenVisit</a>"
                + "</header><main class=\"ov-main\"><div class=\"ov-card ov-narrow\"><h1 id=\"oidcTitle\">"
                + escape(title) + "</h1><p id=\"oidcMessage\">" + escape(message) + "</p>"
                + (detail == null || detail.isBlank() ? "" : "<p id=\"oidcDetail\" class=\"ov-hint\" lang=\"en\" translate=\"no\">"
                + escape(detail) + "</p>")
                + "<p><a id=\"oidcAgain\" href=\""
                + escape(context + PortalAuthenticationMechanism.SIGN_IN_PAGE) + "\">" + escape(texts.get("oidc.back"))
                + "</a></p></div></main><footer class=\"ov-footer\">" + escape(shared.get("footer")) + "</footer>"
                + "</body></html>");
    }
}
