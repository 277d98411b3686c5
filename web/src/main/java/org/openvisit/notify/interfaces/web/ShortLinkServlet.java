package org.openvisit.notify.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.notify.application.SmsShortLinks;
import org.openvisit.room.interfaces.web.RoomRefusal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /j/<code>}, the short join link in SMS: redirects to the patient's join flow ({@code /join?token=…}) once the
 * appointment's visit is open; before that, or for an unknown code, a page in the patient's language says so.
 */
@WebServlet("/j/*")
public class ShortLinkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient SmsShortLinks links;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        SmsShortLinks.Resolution r;
        try {
            r = links.resolve(path == null ? null : path.replaceFirst("^/", ""));
        } catch (RuntimeException e) { // a region's database went down while the link was looked up: 503
            RoomRefusal.regionUnavailable(request, response, e);
            return;
        }
        switch (r.outcome()) {
            case JOIN -> {
                response.setHeader("Cache-Control", "no-store");
                response.sendRedirect(request.getContextPath() + "/join?token="
                        + URLEncoder.encode(r.joinToken(), StandardCharsets.UTF_8));
            }
            case NOT_OPEN_YET -> RoomRefusal.send(request, response, HttpServletResponse.SC_NOT_FOUND, "NOT_OPEN_YET");
            default -> RoomRefusal.send(request, response, HttpServletResponse.SC_NOT_FOUND, "NO_VISIT");
        }
    }
}
