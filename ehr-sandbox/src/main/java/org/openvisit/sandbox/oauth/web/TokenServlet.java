package org.openvisit.sandbox.oauth.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.oauth.OAuthException;
import org.openvisit.sandbox.oauth.TokenService;
import org.openvisit.sandbox.web.JsonResponses;
import org.openvisit.sandbox.web.RequestOrigin;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/** The token endpoint: {@code POST /oauth/token} with a form body. */
@WebServlet("/oauth/token")
public class TokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TokenServlet.class.getName());

    @Inject
    private transient TokenService tokens;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> form.put(name, values[0]));
        try {
            JsonResponses.write(response, 200, tokens.exchange(form,
                    new TokenService.Endpoint(origin.origin(), origin.fhirBase(), origin.tokenUrl())));
        } catch (OAuthException e) {
            LOG.info(() -> "token request refused: " + e.error() + ": " + e.getMessage());
            if (e.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"ehr-sandbox\"");
            }
            JsonResponses.error(response, e.status(), e.error(), e.getMessage());
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        JsonResponses.error(response, 405, "invalid_request", "the token endpoint takes POST");
    }
}
