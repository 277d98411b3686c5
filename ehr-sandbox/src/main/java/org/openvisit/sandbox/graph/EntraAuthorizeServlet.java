package org.openvisit.sandbox.graph;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.web.JsonResponses;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The stand-in's Microsoft sign-in page ({@code /entra/{tenant}/oauth2/v2.0/authorize}, served by
 * {@link EntraTokenServlet}): GET checks the request (registered client, {@code response_type=code}, {@code openid}
 * scope, a state, a nonce and an S256 PKCE challenge) and shows a form asking for the Microsoft account's object id (a
 * test names whom it signs in as); POST gives a code for it and sends the browser to the {@code redirect_uri} with the
 * state. The token endpoint redeems the code once ({@link #redeem}).
 */
final class EntraAuthorizeServlet {

    private EntraAuthorizeServlet() {
    }

    static void form(StubTenants tenants, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String problem = problem(tenants, request);
        if (problem != null) {
            JsonResponses.error(response, 400, "invalid_request", problem);
            return;
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : new String[]{"client_id", "redirect_uri", "state", "nonce", "code_challenge"}) {
            hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(escape(request.getParameter(name))).append("\">");
        }
        response.setContentType("text/html;charset=UTF-8");
        // a stand-in of Microsoft's page, in English only; labelled, titled and with its language for a person
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Sign in "
                + "(Microsoft Entra stand-in)</title></head><body><main><h1>Sign in (Microsoft Entra stand-in)</h1>"
                + "<p id=\"oidHelp\">This page stands in for Microsoft's sign-in of tenant <code>"
                + escape(tenant(request)) + "</code>. Type the object ID of the Microsoft account to sign in as.</p>"
                + "<form method=\"post\">" + hidden + "<label for=\"oid\">Object ID of the Microsoft account</label> "
                + "<input id=\"oid\" name=\"oid\" required aria-describedby=\"oidHelp\" autocomplete=\"off\" "
                + "spellcheck=\"false\"> <button type=\"submit\">Sign in</button></form></main></body></html>");
    }

    static void signIn(StubTenants tenants, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String problem = problem(tenants, request);
        String oid = request.getParameter("oid");
        if (problem == null && (oid == null || oid.isBlank())) {
            problem = "AADSTS50058: A silent sign-in request was sent but no user is signed in.";
        }
        if (problem != null) {
            JsonResponses.error(response, 400, "invalid_request", problem);
            return;
        }
        String code = tenants.issueCode(new StubTenants.SignInCode(tenant(request), request.getParameter("client_id"),
                request.getParameter("redirect_uri"), request.getParameter("code_challenge"),
                request.getParameter("nonce"), oid.strip(), Instant.now().plusSeconds(300)));
        String target = request.getParameter("redirect_uri");
        response.setStatus(302);
        response.setHeader("Location", target + (target.contains("?") ? "&" : "?") + "code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state="
                + URLEncoder.encode(request.getParameter("state"), StandardCharsets.UTF_8) + "&session_state="
                + UUID.randomUUID());
    }

    /** The token endpoint's answer to an authorization code grant of {@code app} (its authentication already checked). */
    static void redeem(StubTenants tenants, StubTenants.App app, HttpServletRequest request,
                       HttpServletResponse response, String tenant) throws IOException {
        Optional<StubTenants.SignInCode> code = tenants.takeCode(request.getParameter("code"));
        if (code.isEmpty() || code.get().expiresAt().isBefore(Instant.now())
                || !code.get().clientId().equals(app.clientId()) || !code.get().tenantId().equals(tenant)) {
            EntraTokenServlet.refuse(response, 400, "invalid_grant", "AADSTS70008: The provided authorization code "
                    + "or refresh token has expired or was already used.");
            return;
        }
        if (!code.get().redirectUri().equals(request.getParameter("redirect_uri"))) {
            EntraTokenServlet.refuse(response, 400, "invalid_grant", "AADSTS500112: The reply address does not "
                    + "match the reply address provided when requesting the authorization code.");
            return;
        }
        String verifier = request.getParameter("code_verifier");
        if (verifier == null || !s256(verifier).equals(code.get().codeChallenge())) {
            EntraTokenServlet.refuse(response, 400, "invalid_grant", "AADSTS501481: The Code_Verifier does not "
                    + "match the code_challenge supplied in the authorization request.");
            return;
        }
        String issuer = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath() + "/entra/" + tenant + "/v2.0";
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(app.clientId())
                .subject("pairwise-" + code.get().objectId().hashCode()).claim("oid", code.get().objectId())
                .claim("tid", tenant).claim("nonce", code.get().nonce()).claim("ver", "2.0")
                .claim("name", "Stand-in user").issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).build();
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(tenants.signingKey().getKeyID()).build(), claims);
        try {
            idToken.sign(new RSASSASigner(tenants.signingKey()));
        } catch (JOSEException e) {
            throw new IOException(e);
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder().add("token_type", "Bearer")
                .add("scope", "openid profile").add("expires_in", 3599).add("access_token", "stub-user-"
                        + UUID.randomUUID()).add("id_token", idToken.serialize()).build());
    }

    private static String problem(StubTenants tenants, HttpServletRequest request) {
        String tenant = tenant(request);
        String clientId = request.getParameter("client_id");
        if (clientId == null || tenants.app(tenant, clientId).isEmpty()) {
            return "AADSTS700016: Application with identifier '" + clientId + "' was not found in the directory '"
                    + tenant + "'.";
        }
        String scope = request.getParameter("scope");
        if ("GET".equals(request.getMethod()) && (!"code".equals(request.getParameter("response_type"))
                || scope == null || !scope.contains("openid"))) {
            return "AADSTS900144: The request body must contain response_type=code and the openid scope.";
        }
        if (request.getParameter("redirect_uri") == null || request.getParameter("state") == null
                || request.getParameter("nonce") == null || request.getParameter("code_challenge") == null
                || "GET".equals(request.getMethod()) && !"S256".equals(request.getParameter("code_challenge_method"))) {
            return "AADSTS900144: redirect_uri, state, nonce and an S256 code_challenge are required.";
        }
        return null;
    }

    private static String tenant(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        return path.length() > 1 ? path.substring(1, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1))
                : "";
    }

    private static String s256(String verifier) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
