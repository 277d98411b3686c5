package org.openvisit.sandbox.graph;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.web.JsonResponses;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /entra/{tenant}/oauth2/v2.0/token}: Microsoft Entra's token endpoint for the client credentials grant
 * and (a clinician's sign-in) the authorization code grant with PKCE, as the stand-in: the tenant and client must be
 * registered ({@code /graph-admin/apps}); a client secret must match;
 * a certificate assertion ({@code client_assertion_type} jwt-bearer) must name the registered certificate
 * ({@code x5t#S256} or {@code x5t}), verify with its public key, be for this very token URL ({@code aud}), from and
 * about the client ({@code iss}, {@code sub}) and not expired. A code must be one {@link EntraAuthorizeServlet} gave
 * this client, unused, for the same {@code redirect_uri}, with the PKCE verifier of its S256 challenge; the answer then
 * carries an id_token signed (RS256) with the stand-in's key ({@code GET /entra/{tenant}/discovery/v2.0/keys}), issued
 * by {@code <sandbox>/entra/<tenant>/v2.0} with {@code tid}, {@code oid} and the nonce. Refusals carry Entra's AADSTS
 * numbers.
 */
@WebServlet("/entra/*")
public class EntraTokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern AUTHORIZE = Pattern.compile("/([^/]+)/oauth2/v2\\.0/authorize");
    private static final Pattern KEYS = Pattern.compile("/([^/]+)/discovery/v2\\.0/keys");
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Inject
    private transient StubTenants tenants;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (AUTHORIZE.matcher(path).matches()) {
            EntraAuthorizeServlet.form(tenants, request, response);
        } else if (KEYS.matcher(path).matches()) {
            response.setHeader("Cache-Control", "max-age=60");
            response.setContentType("application/json");
            response.getWriter().write(new com.nimbusds.jose.jwk.JWKSet(tenants.signingKey().toPublicJWK()).toString());
        } else {
            JsonResponses.error(response, 404, "not_found", "Unknown path");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (AUTHORIZE.matcher(request.getPathInfo() == null ? "" : request.getPathInfo()).matches()) {
            EntraAuthorizeServlet.signIn(tenants, request, response);
            return;
        }
        Matcher m = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!m.matches()) {
            JsonResponses.error(response, 404, "not_found", "Unknown path");
            return;
        }
        String tenant = m.group(1);
        if (!tenants.knowsTenant(tenant)) {
            refuse(response, 400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.");
            return;
        }
        String clientId = request.getParameter("client_id");
        String assertion = request.getParameter("client_assertion");
        if (clientId == null && assertion != null) {
            clientId = subjectOf(assertion);
        }
        Optional<StubTenants.App> app = clientId == null ? Optional.empty() : tenants.app(tenant, clientId);
        if (app.isEmpty()) {
            refuse(response, 400, "unauthorized_client", "AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'.");
            return;
        }
        boolean codeGrant = "authorization_code".equals(request.getParameter("grant_type"));
        if (!codeGrant && (!"client_credentials".equals(request.getParameter("grant_type"))
                || request.getParameter("scope") == null || !request.getParameter("scope").endsWith("/.default"))) {
            refuse(response, 400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid. "
                    + "Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
            return;
        }
        String secret = request.getParameter("client_secret");
        boolean accepted;
        if (secret != null) {
            accepted = app.get().secret() != null && app.get().secret().equals(secret);
            if (!accepted) {
                refuse(response, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
                return;
            }
        } else if (JWT_BEARER.equals(request.getParameter("client_assertion_type")) && assertion != null) {
            String problem = checkAssertion(assertion, app.get(), request.getRequestURL().toString());
            if (problem != null) {
                refuse(response, 401, "invalid_client", problem);
                return;
            }
        } else {
            refuse(response, 401, "invalid_client", "AADSTS7000218: The request body must contain the following "
                    + "parameter: 'client_assertion' or 'client_secret'.");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (codeGrant) {
            EntraAuthorizeServlet.redeem(tenants, app.get(), request, response, tenant);
            return;
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder().add("token_type", "Bearer")
                .add("expires_in", 3599).add("ext_expires_in", 3599).add("access_token", tenants.issue(app.get(),
                        request.getParameter("scope").replaceAll("/\\.default$", ""))).build());
    }

    private static String subjectOf(String assertion) {
        try {
            return SignedJWT.parse(assertion).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    /** Null when the assertion is good, otherwise Entra's words for what is wrong. */
    static String checkAssertion(String assertion, StubTenants.App app, String tokenUrl) {
        if (app.certificate() == null) {
            return "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found.]";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            byte[] der = app.certificate().getEncoded();
            Base64URL sha256 = Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der));
            Base64URL sha1 = Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(der));
            @SuppressWarnings("deprecation")
            Base64URL x5t = jwt.getHeader().getX509CertThumbprint();
            if (!sha256.equals(jwt.getHeader().getX509CertSHA256Thumbprint()) && !sha1.equals(x5t)) {
                return "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found.]";
            }
            if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) app.certificate().getPublicKey()))) {
                return "AADSTS700027: Client assertion contains an invalid signature.";
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getAudience() == null || !claims.getAudience().contains(tokenUrl)) {
                return "AADSTS700016: Invalid audience in the client assertion; expected " + tokenUrl + ".";
            }
            if (!app.clientId().equals(claims.getIssuer()) || !app.clientId().equals(claims.getSubject())) {
                return "AADSTS700023: Client assertion audience claim does not match Realm issuer.";
            }
            Date exp = claims.getExpirationTime();
            if (exp == null || exp.toInstant().isBefore(Instant.now())) {
                return "AADSTS700024: Client assertion is not within its valid time range.";
            }
            return null;
        } catch (Exception e) {
            return "AADSTS50027: JWT token is invalid or malformed.";
        }
    }

    static void refuse(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        JsonResponses.write(response, status, Json.createObjectBuilder().add("error", error)
                .add("error_description", description).add("error_codes", Json.createArrayBuilder()
                        .add(Integer.parseInt(description.replaceAll("^AADSTS(\\d+).*$", "$1")))).build());
    }
}
