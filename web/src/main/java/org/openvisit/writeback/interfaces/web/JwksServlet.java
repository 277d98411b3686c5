package org.openvisit.writeback.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.writeback.application.BackendKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * OpenVisit's public keys for SMART Backend Services ({@code /.well-known/jwks.json}, no sign-in): the
 * EHR checks OpenVisit's client assertions with them. Public keys only; cached for five minutes.
 */
@WebServlet(urlPatterns = "/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

    @EJB
    private BackendKeys keys;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = keys.jwks().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
