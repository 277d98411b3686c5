package org.openvisit.sandbox.graph;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.web.JsonResponses;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /graph/v1.0/users/{organizer}/onlineMeetings/createOrGet}: Graph's create-or-get of an online meeting,
 * as the stand-in: a bearer token of {@link EntraTokenServlet} (401 otherwise), the app's consent (403), the
 * organizer known (404) and covered by an application access policy (403), then 201 with a new meeting for a new
 * external id and 200 with the same meeting after that. {@code GET .../onlineMeetings/{id}/attendanceReports} and
 * {@code .../attendanceReports/{report}/attendanceRecords}: the meeting's attendance as set through
 * {@link GraphAdminServlet}, split as Graph serves it (the reports with an empty {@code attendanceRecords}, then each
 * report's records), with the same checks. Errors in Graph's shape
 * ({@code {"error":{"code","message","innerError":{"request-id","date"}}}}).
 */
@WebServlet("/graph/v1.0/*")
public class GraphMeetingsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/users/([^/]+)/onlineMeetings/createOrGet");
    private static final Pattern ATTENDANCE = Pattern.compile(
            "/users/([^/]+)/onlineMeetings/([^/]+)/attendanceReports(?:/([^/]+)/attendanceRecords)?");

    @Inject
    private transient StubTenants tenants;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher m = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!m.matches()) {
            error(response, 400, "BadRequest", "Resource not found for the segment.");
            return;
        }
        String organizer = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (!allowed(request, response, organizer, "OnlineMeetings.ReadWrite.All")) {
            return;
        }
        JsonObject body;
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            body = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            error(response, 400, "BadRequest", "Invalid request body.");
            return;
        }
        String externalId = body.getString("externalId", "");
        if (externalId.isBlank()) {
            error(response, 400, "BadRequest", "externalId is required.");
            return;
        }
        String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath();
        Map.Entry<StubTenants.Meeting, Boolean> made = tenants.createOrGet(organizer, externalId, () -> {
            String id = "MSo" + UUID.randomUUID().toString().replace("-", "");
            JsonObjectBuilder meeting = Json.createObjectBuilder()
                    .add("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + organizer
                            + "')/onlineMeetings/$entity")
                    .add("id", id).add("externalId", externalId)
                    .add("creationDateTime", Instant.now().toString())
                    .add("subject", body.getString("subject", ""))
                    .add("joinWebUrl", base + "/teams/l/meetup-join/" + id)
                    .add("allowedPresenters", body.getString("allowedPresenters", "everyone"))
                    .add("isEntryExitAnnounced", body.getBoolean("isEntryExitAnnounced", true))
                    .add("allowMeetingChat", body.getString("allowMeetingChat", "enabled"));
            if (body.containsKey("lobbyBypassSettings")) {
                meeting.add("lobbyBypassSettings", body.getJsonObject("lobbyBypassSettings"));
            }
            JsonObject json = meeting.build();
            return new StubTenants.Meeting(id, externalId, json.getString("subject"), json.getString("joinWebUrl"),
                    json.toString());
        });
        response.setStatus(made.getValue() ? 201 : 200);
        response.setContentType("application/json");
        response.getWriter().write(made.getKey().body());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher m = ATTENDANCE.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!m.matches()) {
            error(response, 400, "BadRequest", "Resource not found for the segment.");
            return;
        }
        String organizer = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (!allowed(request, response, organizer, "OnlineMeetingArtifact.Read.All")) {
            return;
        }
        String meetingId = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        if (tenants.meeting(organizer, meetingId).isEmpty()) {
            error(response, 404, "NotFound", "The online meeting was not found.");
            return;
        }
        tenants.countAttendanceRequest(meetingId);
        JsonArray reports = tenants.attendance(meetingId);
        JsonArrayBuilder value = Json.createArrayBuilder();
        if (m.group(3) == null) {
            for (JsonValue r : reports) {
                JsonObjectBuilder report = Json.createObjectBuilder(r.asJsonObject());
                report.add("attendanceRecords", Json.createArrayBuilder());
                value.add(report);
            }
        } else {
            String reportId = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
            Optional<JsonObject> report = reports.stream().map(JsonValue::asJsonObject)
                    .filter(r -> reportId.equals(r.getString("id", ""))).findFirst();
            if (report.isEmpty()) {
                error(response, 404, "NotFound", "The attendance report was not found.");
                return;
            }
            report.get().getJsonArray("attendanceRecords").forEach(value::add);
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder()
                .add("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + organizer
                        + "')/onlineMeetings('" + meetingId + "')/attendanceReports")
                .add("value", value).build());
    }

    /**
     * The bearer token, the app's consent to the application permission {@code role}, the organizer and the
     * application access policy, as Graph checks them.
     */
    private boolean allowed(HttpServletRequest request, HttpServletResponse response, String organizer, String role)
            throws IOException {
        String auth = request.getHeader("Authorization");
        Optional<StubTenants.App> app = auth == null || !auth.startsWith("Bearer ") ? Optional.empty()
                : tenants.byToken(auth.substring(7).strip());
        if (app.isEmpty()) {
            error(response, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
            return false;
        }
        if (!tenants.holds(app.get(), role)) {
            error(response, 403, "Forbidden", "Insufficient privileges to complete the operation.");
            return false;
        }
        if (!app.get().actsFor(organizer)) {
            error(response, 404, "NotFound", "The requested user '" + organizer + "' is invalid.");
            return false;
        }
        if (!app.get().accessPolicy()) {
            error(response, 403, "Forbidden", "Application is not allowed to perform operations on the user '"
                    + organizer + "', neither is allowed access through RSC permission evaluation. "
                    + "No application access policy found for this app.");
            return false;
        }
        return true;
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        JsonResponses.write(response, status, Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("code", code).add("message", message).add("innerError", Json.createObjectBuilder()
                        .add("date", Instant.now().toString()).add("request-id", UUID.randomUUID().toString())))
                .build());
    }
}
