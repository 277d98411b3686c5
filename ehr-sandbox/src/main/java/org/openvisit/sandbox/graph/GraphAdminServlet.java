package org.openvisit.sandbox.graph;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.web.JsonResponses;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The stand-in's set-up, for demos and tests: {@code POST /graph-admin/apps} registers an app (JSON tenantId,
 * clientId, secret or certificatePem (the public certificate only), organizer, consented, accessPolicy, and users:
 * further user object ids the application access policy covers, e.g. clinicians who organize their own meetings;
 * registering the same tenant and client again replaces it); {@code PUT /graph-admin/attendance/{meeting id}} sets a meeting's
 * attendance reports (JSON {@code {"value":[report, ...]}}, each report in Graph's shape with its
 * {@code attendanceRecords} inline); {@code GET /graph-admin/meetings?organizer=...} says how many meetings the
 * organizer has, how many tokens were issued and how many attendance and call record requests were answered (in all,
 * or of one meeting or call record with {@code &meeting=} or {@code &callRecord=});
 * {@code PUT /graph-admin/callRecords/{id}?tenantId=...} stores a call record and notifies the tenant's call records
 * subscriptions; {@code GET /graph-admin/subscriptions} lists the subscriptions (without their clientState); an app
 * registered with {@code "callRecords": false} lacks CallRecords.Read.All (403 from the call records APIs);
 * {@code PUT /graph-admin/roles?tenantId=...&clientId=...} withholds application permissions of one app (its tokens'
 * {@code roles} claim leaves them out, Graph's calls needing them answer 403); {@code GET /teams/l/meetup-join/...} is the page a
 * meeting's join URL opens.
 */
@WebServlet({"/graph-admin/*", "/teams/l/meetup-join/*"})
public class GraphAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient StubTenants tenants;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/graph-admin".equals(request.getServletPath()) || !"/apps".equals(request.getPathInfo())) {
            JsonResponses.error(response, 404, "not_found", "Unknown path");
            return;
        }
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            JsonObject body = reader.readObject();
            X509Certificate certificate = null;
            if (body.containsKey("certificatePem")) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(body.getString("certificatePem").getBytes(StandardCharsets.US_ASCII)));
            }
            tenants.register(new StubTenants.App(body.getString("tenantId"), body.getString("clientId"),
                    body.getString("secret", null), certificate, body.getString("organizer"),
                    body.getBoolean("consented", true), body.getBoolean("accessPolicy", true),
                    body.containsKey("users") ? body.getJsonArray("users").getValuesAs(jakarta.json.JsonString.class)
                            .stream().map(jakarta.json.JsonString::getString).collect(java.util.stream.Collectors.toSet())
                            : java.util.Set.of()));
            tenants.withhold(body.getString("tenantId"), body.getString("clientId"),
                    body.getBoolean("callRecords", true) ? java.util.Set.of() : java.util.Set.of(StubTenants.CALL_RECORDS));
            JsonResponses.write(response, 201, Json.createObjectBuilder().add("registered", true).build());
        } catch (JsonException | NullPointerException | ClassCastException | CertificateException e) {
            JsonResponses.error(response, 400, "invalid_request", "Send tenantId, clientId, organizer and a secret "
                    + "or certificatePem: " + e.getMessage());
        }
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if ("/graph-admin".equals(request.getServletPath()) && path.startsWith("/callRecords/")) {
            putCallRecord(request, response, path.substring("/callRecords/".length()));
            return;
        }
        if ("/graph-admin".equals(request.getServletPath()) && "/roles".equals(path)) {
            putWithheldRoles(request, response);
            return;
        }
        if (!"/graph-admin".equals(request.getServletPath()) || !path.startsWith("/attendance/")
                || path.length() <= "/attendance/".length()) {
            JsonResponses.error(response, 404, "not_found", "Unknown path");
            return;
        }
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            var reports = reader.readObject().getJsonArray("value");
            for (var report : reports) {
                report.asJsonObject().getString("id");
                report.asJsonObject().getJsonArray("attendanceRecords");
            }
            tenants.attendance(path.substring("/attendance/".length()), reports);
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("reports", reports.size()).build());
        } catch (JsonException | NullPointerException | ClassCastException e) {
            JsonResponses.error(response, 400, "invalid_request", "Send {\"value\":[reports with id and "
                    + "attendanceRecords]}: " + e.getMessage());
        }
    }

    /**
     * {@code PUT /graph-admin/roles?tenantId=...&clientId=...} with {@code {"withheld":["CallRecords.Read.All", ...]}}:
     * the registered app's admin consent lacks these application permissions from now on (an empty list grants them
     * all again). Only that app changes, so tests of other apps are not affected.
     */
    private void putWithheldRoles(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String tenant = request.getParameter("tenantId");
        String client = request.getParameter("clientId");
        if (tenant == null || client == null || tenants.app(tenant, client).isEmpty()) {
            JsonResponses.error(response, 404, "not_found", "Register the app (POST /graph-admin/apps) first.");
            return;
        }
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            java.util.Set<String> withheld = reader.readObject().getJsonArray("withheld")
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .collect(java.util.stream.Collectors.toSet());
            if (!StubTenants.ROLES.containsAll(withheld)) {
                JsonResponses.error(response, 400, "invalid_request", "Withhold only " + StubTenants.ROLES);
                return;
            }
            tenants.withhold(tenant, client, withheld);
            var granted = Json.createArrayBuilder();
            tenants.roles(tenants.app(tenant, client).get()).forEach(granted::add);
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("roles", granted).build());
        } catch (JsonException | NullPointerException | ClassCastException | IllegalStateException e) {
            JsonResponses.error(response, 400, "invalid_request", "Send {\"withheld\":[permission names]}: "
                    + e.getMessage());
        }
    }

    /**
     * {@code PUT /graph-admin/callRecords/{id}?tenantId=...}: stores the call record (Graph's JSON of
     * {@code GET /communications/callRecords/{id}?$expand=sessions($expand=segments)}) and, as Graph does once a call
     * record exists, posts a change notification to every call records subscription of the tenant; answers with the
     * HTTP status each notification address gave.
     */
    private void putCallRecord(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        String json;
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            JsonObject record = reader.readObject();
            json = Json.createObjectBuilder(record).add("id", id).build().toString();
        } catch (JsonException | IllegalStateException e) {
            JsonResponses.error(response, 400, "invalid_request", "Send the call record's JSON: " + e.getMessage());
            return;
        }
        tenants.callRecord(id, json);
        String tenant = request.getParameter("tenantId");
        var statuses = Json.createArrayBuilder();
        for (StubTenants.Subscription s : tenants.subscriptions()) {
            if (s.resource().startsWith("/communications/callRecords")
                    && (tenant == null || tenant.equalsIgnoreCase(s.tenantId()))) {
                statuses.add(GraphSubscriptionsServlet.notify(s, "communications/callRecords/" + id, id));
            }
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder().add("notified", statuses).build());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/teams/l/meetup-join".equals(request.getServletPath())) {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>"
                    + "Teams meeting (sandbox stand-in)</title></head><body><main><h1 id=\"teamsMeeting\">Teams meeting "
                    + "(sandbox stand-in)</h1><p>In a real installation Microsoft Teams opens here.</p></main></body>"
                    + "</html>");
            return;
        }
        if ("/subscriptions".equals(request.getPathInfo())) {
            var list = Json.createArrayBuilder();
            for (StubTenants.Subscription s : tenants.subscriptions()) {
                list.add(Json.createObjectBuilder().add("id", s.id()).add("tenantId", s.tenantId())
                        .add("resource", s.resource()).add("notificationUrl", s.notificationUrl())
                        .add("expirationDateTime", s.expiresAt().toString()));
            }
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("value", list).build());
            return;
        }
        if (!"/meetings".equals(request.getPathInfo())) {
            JsonResponses.error(response, 404, "not_found", "Unknown path");
            return;
        }
        String organizer = request.getParameter("organizer");
        String meeting = request.getParameter("meeting");
        String callRecord = request.getParameter("callRecord");
        // totals, and (asked by meeting or call record) one test's own counts, which classes side by side do not change
        JsonResponses.write(response, 200, Json.createObjectBuilder()
                .add("meetings", organizer == null ? 0 : tenants.meetingsOf(organizer))
                .add("tokenRequests", tenants.tokenRequests())
                .add("attendanceRequests", meeting == null ? tenants.attendanceRequests()
                        : tenants.attendanceRequests(meeting))
                .add("callRecordRequests", callRecord == null ? tenants.callRecordRequests()
                        : tenants.callRecordRequests(callRecord)).build());
    }
}
