package org.openvisit.tenant.interfaces.web.ehrsignin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.openvisit.shared.interfaces.web.Html.escape;

/**
 * Where the EHR sign-in sends the browser, and the small error page for what cannot go back to an
 * endpoint page. A failure with a known endpoint goes to {@code /endpoint.xhtml?id=<id>&ehrSignInError=<code>}
 * and leaves its human message in the session under {@value #MESSAGE_ATTRIBUTE} (a String, for the page to
 * show once and remove).
 */
public final class EhrSignInPages {

    /** Session attribute with the human message of the last failed EHR sign-in (a String); shown once. */
    public static final String MESSAGE_ATTRIBUTE = "org.openvisit.ehrSignInMessage";
    static final String ENDPOINT_PAGE = "/endpoint.xhtml";

    private EhrSignInPages() {
    }

    static void verified(HttpServletRequest request, HttpServletResponse response, UUID endpointId) {
        redirect(request, response, ENDPOINT_PAGE + "?id=" + endpointId + "&verified=true");
    }

    static void failed(HttpServletRequest request, HttpServletResponse response, UUID endpointId, String code,
                       String message) {
        request.getSession(true).setAttribute(MESSAGE_ATTRIBUTE, message);
        redirect(request, response, ENDPOINT_PAGE + "?id=" + endpointId + "&ehrSignInError="
                + URLEncoder.encode(code, StandardCharsets.UTF_8));
    }

    /** Takes the message of the last failure out of the session; {@code null} when there is none. */
    static String takeMessage(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(MESSAGE_ATTRIBUTE) instanceof String message)) {
            return null;
        }
        session.removeAttribute(MESSAGE_ATTRIBUTE);
        return message;
    }

    static void redirect(HttpServletRequest request, HttpServletResponse response, String target) {
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", target.startsWith("http") ? target : request.getContextPath() + target);
    }

    /** A plain page saying what went wrong and how to go on. */
    static void error(HttpServletRequest request, HttpServletResponse response, int status, String title,
                      String message, UUID endpointId) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        String back = endpointId == null
                ? "<a href=\"" + escape(request.getContextPath()) + "/\">Back to the portal</a>"
                : "<a href=\"" + escape(request.getContextPath()) + ENDPOINT_PAGE + "?id=" + endpointId
                + "\">Back to the endpoint</a>";
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " - OpenVisit</title></head><body style=\"font-family:sans-serif;"
                + "max-width:40rem;margin:3rem auto;padding:0 1rem\"><h1>" + escape(title) + "</h1>"
                + "<p id=\"ehrSignInMessage\">" + escape(message) + "</p><p>" + back + "</p></body></html>");
    }
}
