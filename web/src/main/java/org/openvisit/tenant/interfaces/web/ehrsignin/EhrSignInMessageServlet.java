package org.openvisit.tenant.interfaces.web.ehrsignin;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /portal/ehr-sign-in/message}: the message of the last failed EHR sign-in of this session as
 * JSON {@code {"message": "..."}}, taken out of the session (shown once), or 204 when there is none. For
 * pages that load it by script, and for tests; the endpoint page reads the session attribute itself.
 */
@WebServlet("/portal/ehr-sign-in/message")
public class EhrSignInMessageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String message = EhrSignInPages.takeMessage(request);
        if (message == null) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(Jsons.createObjectBuilder().add("message", message).build().toString());
    }
}
