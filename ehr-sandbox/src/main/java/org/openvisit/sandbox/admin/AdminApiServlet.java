package org.openvisit.sandbox.admin;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.apps.AppRegistration;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.contextlink.ContextLinkCipher;
import org.openvisit.sandbox.contextlink.ContextLinkClaims;
import org.openvisit.sandbox.contextlink.InvalidContextLinkException;
import org.openvisit.sandbox.fault.FaultSwitch;
import org.openvisit.sandbox.fhir.VersionConflicts;
import org.openvisit.sandbox.oauth.TokenFault;
import org.openvisit.sandbox.oauth.TokenFaults;
import org.openvisit.sandbox.oauth.TokenLifetimes;
import org.openvisit.sandbox.records.FhirRecords;
import org.openvisit.sandbox.records.SampleRecords;
import org.openvisit.sandbox.screen.EhrLauncher;
import org.openvisit.sandbox.web.JsonResponses;
import org.openvisit.sandbox.web.RequestOrigin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;

/**
 * The JSON admin API under {@code /admin/api} (no authentication: the sandbox is a development tool):
 * <ul>
 *   <li>{@code GET /apps}, {@code GET|PUT|DELETE /apps/{clientId}} (PUT merges the fields given)</li>
 *   <li>{@code GET|PUT|DELETE /faults}</li>
 *   <li>{@code GET|PUT|DELETE /fhir-behaviour} ({@code versionConflictStatus}: 412, the default, or 409)</li>
 *   <li>{@code GET|PUT|DELETE /token-faults} ({@code fault}, {@code count}): the token endpoint misbehaves</li>
 *   <li>{@code GET|PUT /lifetimes} ({@code authorizationCodeSeconds}, {@code accessTokenSeconds})</li>
 *   <li>{@code POST /launches} ({@code app}, {@code appointment}, {@code user}, optionally {@code behaviours} [..] and
 *       {@code launchUrl}) answers the launch URL</li>
 *   <li>{@code POST /context-links/decrypt} ({@code app}, {@code token}) answers the claims</li>
 *   <li>{@code POST /records/reset} forgets every FHIR write and seeds the sample data again</li>
 * </ul>
 */
@WebServlet("/admin/api/*")
public class AdminApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient AppRegistry apps;
    @Inject
    private transient FaultSwitch faults;
    @Inject
    private transient VersionConflicts conflicts;
    @Inject
    private transient TokenLifetimes lifetimes;
    @Inject
    private transient TokenFaults tokenFaults;
    @Inject
    private transient EhrLauncher launcher;
    @Inject
    private transient Clock clock;
    @Inject
    private transient FhirRecords records;
    @Inject
    private transient ZoneId zone;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        try {
            if (path.equals("/apps") && method.equals("GET")) {
                JsonArrayBuilder all = Json.createArrayBuilder();
                apps.all().forEach(app -> all.add(AppRegistrationJson.toJson(app)));
                JsonResponses.write(response, 200, all.build());
            } else if (path.startsWith("/apps/") && path.length() > 6) {
                app(path.substring(6), method, request, response);
            } else if (path.equals("/faults")) {
                faults(method, request, response);
            } else if (path.equals("/fhir-behaviour")) {
                fhirBehaviour(method, request, response);
            } else if (path.equals("/token-faults")) {
                tokenFaults(method, request, response);
            } else if (path.equals("/lifetimes")) {
                lifetimes(method, request, response);
            } else if (path.equals("/launches") && method.equals("POST")) {
                JsonObject body = body(request);
                RequestOrigin origin = RequestOrigin.of(request);
                String behaviours = body.get("behaviours") instanceof jakarta.json.JsonArray list
                        ? String.join(",", list.getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList())
                        : body.getString("behaviour", null);
                String url = launcher.launchUrl(body.getString("app", AppRegistry.OPENVISIT), body.getString("appointment", null),
                        body.getString("user", null), origin.fhirBase(), origin.origin(),
                        org.openvisit.sandbox.apps.LaunchBehaviour.parse(behaviours), body.getString("launchUrl", null));
                JsonResponses.write(response, 200, Json.createObjectBuilder().add("url", url).build());
            } else if (path.equals("/records/reset") && method.equals("POST")) {
                records.clear();
                SampleRecords.seed(records, LocalDate.now(clock.withZone(zone)), zone);
                JsonResponses.write(response, 200, Json.createObjectBuilder()
                        .add("appointments", records.all("Appointment").size()).build());
            } else if (path.equals("/context-links/decrypt") && method.equals("POST")) {
                decrypt(body(request), response);
            } else {
                JsonResponses.error(response, 404, "not_found", method + " " + path + " is not part of the admin API");
            }
        } catch (IllegalArgumentException | JsonException | ClassCastException | NullPointerException e) {
            JsonResponses.error(response, 400, "invalid_request", e.getMessage());
        } catch (InvalidContextLinkException e) {
            JsonResponses.error(response, 422, "invalid_context_link", e.getMessage());
        }
    }

    private void app(String clientId, String method, HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (method) {
            case "GET" -> {
                var app = apps.find(clientId);
                if (app.isPresent()) {
                    JsonResponses.write(response, 200, AppRegistrationJson.toJson(app.get()));
                } else {
                    JsonResponses.error(response, 404, "not_found", "no app " + clientId);
                }
            }
            case "PUT" -> {
                AppRegistration saved = apps.save(AppRegistrationJson.merge(clientId, apps.find(clientId).orElse(null), body(request)));
                JsonResponses.write(response, 200, AppRegistrationJson.toJson(saved));
            }
            case "DELETE" -> {
                apps.remove(clientId);
                response.setStatus(204);
            }
            default -> JsonResponses.error(response, 405, "invalid_request", method + " is not allowed here");
        }
    }

    private void fhirBehaviour(String method, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        switch (method) {
            case "PUT" -> conflicts.answerWith(body(request).getInt("versionConflictStatus"));
            case "DELETE" -> conflicts.answerWith(412);
            case "GET" -> {
                // just read
            }
            default -> {
                JsonResponses.error(response, 405, "invalid_request", method + " is not allowed here");
                return;
            }
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder()
                .add("versionConflictStatus", conflicts.status()).build());
    }

    private void faults(String method, HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (method) {
            case "PUT" -> faults.set(FaultJson.fromJson(body(request), clock.instant()));
            case "DELETE" -> faults.clear();
            case "GET" -> { }
            default -> {
                JsonResponses.error(response, 405, "invalid_request", method + " is not allowed here");
                return;
            }
        }
        JsonResponses.write(response, 200, FaultJson.toJson(faults.current()));
    }

    private void tokenFaults(String method, HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (method) {
            case "PUT" -> {
                JsonObject body = body(request);
                try {
                    tokenFaults.set(TokenFault.valueOf(body.getString("fault", "NONE")), body.getInt("count", 1));
                } catch (IllegalArgumentException e) {
                    JsonResponses.error(response, 400, "invalid_request", "fault must be one of "
                            + java.util.Arrays.toString(TokenFault.values()) + " and count 1-100");
                    return;
                }
            }
            case "DELETE" -> tokenFaults.clear();
            case "GET" -> { }
            default -> {
                JsonResponses.error(response, 405, "invalid_request", method + " is not allowed here");
                return;
            }
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder()
                .add("fault", tokenFaults.current().name()).add("remaining", tokenFaults.remaining()).build());
    }

    private void lifetimes(String method, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (method.equals("PUT")) {
            JsonObject body = body(request);
            lifetimes.set(Duration.ofSeconds(body.getInt("authorizationCodeSeconds", (int) lifetimes.authorizationCode().toSeconds())),
                    Duration.ofSeconds(body.getInt("accessTokenSeconds", (int) lifetimes.accessToken().toSeconds())));
        } else if (!method.equals("GET")) {
            JsonResponses.error(response, 405, "invalid_request", method + " is not allowed here");
            return;
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder()
                .add("authorizationCodeSeconds", lifetimes.authorizationCode().toSeconds())
                .add("accessTokenSeconds", lifetimes.accessToken().toSeconds()).build());
    }

    private void decrypt(JsonObject body, HttpServletResponse response) throws IOException {
        AppRegistration app = apps.find(body.getString("app", AppRegistry.OPENVISIT))
                .orElseThrow(() -> new IllegalArgumentException("unknown app"));
        ContextLinkClaims claims = ContextLinkCipher.decrypt(body.getString("token"),
                kid -> kid.equals(app.contextKeyId()) ? Base64.getDecoder().decode(app.contextKey()) : null);
        var json = Json.createObjectBuilder();
        addIfSet(json, "iss", claims.iss());
        addIfSet(json, "sid", claims.sessionId());
        addIfSet(json, "appt", claims.appointment());
        addIfSet(json, "enc", claims.encounter());
        addIfSet(json, "pat", claims.patient());
        addIfSet(json, "user", claims.user());
        addIfSet(json, "role", claims.role());
        addIfSet(json, "dept", claims.department());
        json.add("iat", claims.issuedAt().getEpochSecond()).add("nbf", claims.notBefore().getEpochSecond())
                .add("exp", claims.expiresAt().getEpochSecond()).add("validNow", claims.validAt(clock.instant()));
        JsonResponses.write(response, 200, json.build());
    }

    private static void addIfSet(jakarta.json.JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static JsonObject body(HttpServletRequest request) throws IOException {
        try (var reader = Json.createReader(request.getReader())) {
            return reader.readObject();
        }
    }
}
