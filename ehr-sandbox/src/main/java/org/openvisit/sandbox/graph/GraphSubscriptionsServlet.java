package org.openvisit.sandbox.graph;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.web.JsonResponses;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Graph's change notifications and call records, as the stand-in:
 * <ul>
 * <li>{@code POST /graph/v1.0/subscriptions}: a subscription to {@code /communications/callRecords} (application
 * permission CallRecords.Read.All, 403 without it), at most 4,230 minutes; before answering, the notification URL is
 * validated as Graph does: a POST with {@code ?validationToken=...} that must answer 200 with the token as plain text
 * within 10 seconds (else 400 "Subscription validation request failed"); 201 with the subscription.</li>
 * <li>{@code PATCH /graph/v1.0/subscriptions/{id}}: a new {@code expirationDateTime} (404 for an unknown one).</li>
 * <li>{@code GET /graph/v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)}: the call record set
 * through {@link GraphAdminServlet} (404 before).</li>
 * </ul>
 * Notifications (sent by {@link GraphAdminServlet}) have Graph's shape: {@code {"value":[{"subscriptionId",
 * "subscriptionExpirationDateTime","changeType":"created","resource","resourceData","clientState","tenantId"}]}}.
 */
@WebServlet({"/graph/v1.0/subscriptions", "/graph/v1.0/subscriptions/*", "/graph/v1.0/communications/*"})
public class GraphSubscriptionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Duration MAX_LIFETIME = Duration.ofMinutes(4230);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    private transient StubTenants tenants;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("PATCH".equalsIgnoreCase(request.getMethod())) {
            doPatch(request, response);
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/graph/v1.0/subscriptions".equals(request.getServletPath()) || request.getPathInfo() != null
                && !"/".equals(request.getPathInfo())) {
            error(response, 400, "BadRequest", "Resource not found for the segment.");
            return;
        }
        Optional<StubTenants.App> app = app(request, response);
        if (app.isEmpty()) {
            return;
        }
        JsonObject body;
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            body = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            error(response, 400, "BadRequest", "Invalid request body.");
            return;
        }
        String resource = body.getString("resource", "");
        if (!resource.startsWith("/communications/callRecords")) {
            error(response, 400, "InvalidRequest", "The stand-in knows only /communications/callRecords.");
            return;
        }
        if (!tenants.mayReadCallRecords(app.get())) {
            error(response, 403, "ExtensionError", "Operation: Create; Exception: [Status Code: Forbidden; Reason: "
                    + "The request is not authorized for this user or application.]");
            return;
        }
        Instant expires;
        try {
            expires = Instant.parse(body.getString("expirationDateTime", ""));
        } catch (DateTimeParseException e) {
            error(response, 400, "InvalidRequest", "expirationDateTime is required.");
            return;
        }
        if (expires.isAfter(Instant.now().plus(MAX_LIFETIME).plusSeconds(60)) || expires.isBefore(Instant.now())) {
            error(response, 400, "InvalidRequest", "Subscription expiration can only be 4230 minutes in the future.");
            return;
        }
        String notificationUrl = body.getString("notificationUrl", "");
        String clientState = body.getString("clientState", "");
        if (!validated(notificationUrl)) {
            error(response, 400, "InvalidRequest", "Subscription validation request failed. Notification endpoint "
                    + "must respond with 200 OK to validation request.");
            return;
        }
        StubTenants.Subscription made = new StubTenants.Subscription(UUID.randomUUID().toString(),
                app.get().tenantId(), app.get().clientId(), resource, notificationUrl, clientState, expires);
        tenants.subscribe(made);
        JsonResponses.write(response, 201, json(made));
    }

    private void doPatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        Optional<StubTenants.App> app = app(request, response);
        if (app.isEmpty()) {
            return;
        }
        Optional<StubTenants.Subscription> found = tenants.subscription(id)
                .filter(s -> s.clientId().equalsIgnoreCase(app.get().clientId()));
        if (found.isEmpty()) {
            error(response, 404, "ResourceNotFound", "The object was not found.");
            return;
        }
        Instant expires;
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            expires = Instant.parse(reader.readObject().getString("expirationDateTime", ""));
        } catch (JsonException | IllegalStateException | DateTimeParseException e) {
            error(response, 400, "InvalidRequest", "expirationDateTime is required.");
            return;
        }
        StubTenants.Subscription s = found.get();
        StubTenants.Subscription renewed = new StubTenants.Subscription(s.id(), s.tenantId(), s.clientId(),
                s.resource(), s.notificationUrl(), s.clientState(), expires);
        tenants.subscribe(renewed);
        JsonResponses.write(response, 200, json(renewed));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!"/graph/v1.0/communications".equals(request.getServletPath()) || !path.startsWith("/callRecords/")) {
            error(response, 400, "BadRequest", "Resource not found for the segment.");
            return;
        }
        Optional<StubTenants.App> app = app(request, response);
        if (app.isEmpty()) {
            return;
        }
        if (!tenants.mayReadCallRecords(app.get())) {
            error(response, 403, "Forbidden", "Insufficient privileges to complete the operation.");
            return;
        }
        Optional<String> record = tenants.callRecord(path.substring("/callRecords/".length()));
        if (record.isEmpty()) {
            error(response, 404, "NotFound", "The call record was not found.");
            return;
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.getWriter().write(record.get());
    }

    /** Graph's validation of a notification URL: the token back, as plain text, with 200, within 10 seconds. */
    private static boolean validated(String notificationUrl) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        try {
            URI uri = URI.create(notificationUrl + (notificationUrl.contains("?") ? "&" : "?") + "validationToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            String type = answer.headers().firstValue("Content-Type").orElse("");
            return answer.statusCode() == 200 && type.startsWith("text/plain") && token.equals(answer.body());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Posts one change notification of {@code resource} to the subscription's URL; the HTTP status it answered. */
    static int notify(StubTenants.Subscription s, String resource, String id) {
        String body = Json.createObjectBuilder().add("value", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("subscriptionId", s.id())
                .add("subscriptionExpirationDateTime", s.expiresAt().toString())
                .add("changeType", "created")
                .add("resource", resource)
                .add("resourceData", Json.createObjectBuilder().add("@odata.type", "#microsoft.graph.callrecord")
                        .add("@odata.id", resource).add("id", id))
                .add("clientState", s.clientState())
                .add("tenantId", s.tenantId()))).build().toString();
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(s.notificationUrl())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private Optional<StubTenants.App> app(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String auth = request.getHeader("Authorization");
        Optional<StubTenants.App> app = auth == null || !auth.startsWith("Bearer ") ? Optional.empty()
                : tenants.byToken(auth.substring(7).strip());
        if (app.isEmpty()) {
            error(response, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        }
        return app;
    }

    private static JsonObject json(StubTenants.Subscription s) {
        return Json.createObjectBuilder()
                .add("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity")
                .add("id", s.id()).add("resource", s.resource()).add("applicationId", s.clientId())
                .add("changeType", "created").add("clientState", s.clientState())
                .add("notificationUrl", s.notificationUrl()).add("expirationDateTime", s.expiresAt().toString())
                .build();
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        JsonResponses.write(response, status, Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("code", code).add("message", message).add("innerError", Json.createObjectBuilder()
                        .add("date", Instant.now().toString()).add("request-id", UUID.randomUUID().toString())))
                .build());
    }
}
