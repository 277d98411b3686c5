package org.openvisit.sandbox.oauth.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.oauth.SigningKey;

import java.io.IOException;

/** The public keys that verify the sandbox's id_tokens: {@code /oauth/jwks}. */
@WebServlet("/oauth/jwks")
public class JwksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient SigningKey key;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.getWriter().write(key.publicJwks().toString());
    }
}
