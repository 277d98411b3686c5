package org.openvisit.sandbox.subscriptions;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.StringReader;

/**
 * Test hooks for the sandbox's Subscriptions (like the rest of {@code /admin/api}, for tests and demos only):
 * <ul>
 * <li>{@code GET /admin/api/subscriptions}: whether Subscriptions are offered and each one's id, topic, endpoint,
 *     status and event count (never its headers);</li>
 * <li>{@code PUT /admin/api/subscriptions/offered} {@code {"offered": false}}: behave like an EHR without
 *     Subscriptions (404 on {@code /Subscription}), or offer them again;</li>
 * <li>{@code POST /admin/api/subscriptions/{id}/skip-next}: the next event is counted but not sent (a gap);</li>
 * <li>{@code POST /admin/api/subscriptions/{id}/heartbeat}: a heartbeat now.</li>
 * </ul>
 */
@WebServlet("/admin/api/subscriptions/*")
public class SubscriptionAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient SandboxSubscriptions subscriptions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (SandboxSubscription s : subscriptions.all()) {
            list.add(Json.createObjectBuilder().add("id", s.id()).add("topic", s.topic()).add("endpoint", s.endpoint())
                    .add("status", s.status()).add("events", s.events()).add("heartbeatSeconds", s.heartbeatSeconds()));
        }
        write(response, 200, Json.createObjectBuilder().add("offered", subscriptions.offered())
                .add("subscriptions", list).build().toString());
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/offered".equals(request.getPathInfo())) {
            write(response, 404, "{\"error\":\"PUT /admin/api/subscriptions/offered only\"}");
            return;
        }
        try {
            JsonObject body = Json.createReader(new StringReader(new String(request.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8))).readObject();
            subscriptions.offered(body.getBoolean("offered"));
        } catch (RuntimeException e) {
            write(response, 400, "{\"error\":\"body: {\\\"offered\\\": true|false}\"}");
            return;
        }
        write(response, 200, "{\"offered\":" + subscriptions.offered() + "}");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.split("/");
        if (parts.length != 3) {
            write(response, 404, "{\"error\":\"POST /admin/api/subscriptions/{id}/skip-next or /heartbeat\"}");
            return;
        }
        boolean done = switch (parts[2]) {
            case "skip-next" -> subscriptions.skipNext(parts[1], 1);
            case "heartbeat" -> subscriptions.heartbeatNow(parts[1]);
            default -> false;
        };
        write(response, done ? 200 : 404, done ? "{\"done\":true}" : "{\"error\":\"no such active Subscription\"}");
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }
}
