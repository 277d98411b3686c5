package org.openvisit.visit.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.visit.infrastructure.teams.TeamsCallRecordSubscriptions;
import org.openvisit.visit.infrastructure.teams.TeamsNotifications;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /teams/graph/notifications}: where Microsoft Graph sends change notifications of the organizations'
 * Teams call records.
 * <ul>
 * <li>With a {@code validationToken} query parameter (Graph checking the address when a subscription is made): the
 * token, URL-decoded, echoed as {@code text/plain} with 200, at once.</li>
 * <li>Otherwise a notification body: each notification is taken only with its subscription's clientState
 * ({@link TeamsNotifications}); the answer is 202 whether or not any was taken (Graph retries anything else, and a
 * sender of wrong clientStates learns nothing), 400 for a body that is not Graph's JSON.</li>
 * </ul>
 * No sign-in: Graph's clientState is the check. Nothing of a notification is logged.
 */
@WebServlet(TeamsCallRecordSubscriptions.NOTIFICATION_PATH)
public class GraphNotificationServlet extends HttpServlet {

    /** Graph's notifications of call records are small: a few notifications of a few hundred bytes. */
    static final int MAX_BODY = 256 * 1024;
    static final int MAX_TOKEN = 2048;

    @EJB
    private transient TeamsNotifications notifications;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String token = validationToken(request.getQueryString());
        if (token != null) {
            if (token.isEmpty() || token.length() > MAX_TOKEN) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(token);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        TeamsNotifications.Taken taken = notifications.take(new String(body, StandardCharsets.UTF_8));
        response.setStatus(taken.readable() ? HttpServletResponse.SC_ACCEPTED : HttpServletResponse.SC_BAD_REQUEST);
    }

    /** The {@code validationToken} of the query string, URL-decoded; {@code null} when there is none. */
    static String validationToken(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if ("validationToken".equals(name)) {
                try {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return null;
    }
}
