package org.openvisit.it.writeback;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.writeback.WriteBackHttp.json;

/** One endpoint's write-back queue through one OpenVisit node's REST API, as the first operator. */
final class WriteBackQueueClient {

    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private final WriteBackHttp http;
    private final Function<String, URI> node;
    private final String adminPassword;
    final String endpointId;
    final String organizationId;

    private WriteBackQueueClient(WriteBackHttp http, Function<String, URI> node, String adminPassword, String endpointId,
                                 String organizationId) {
        this.http = http;
        this.node = node;
        this.adminPassword = adminPassword;
        this.endpointId = endpointId;
        this.organizationId = organizationId;
    }

    /** The demo organization's endpoint whose FHIR base is {@code fhirBase}, through this node of {@link WriteBackServers}. */
    static WriteBackQueueClient forDemoEndpoint(WriteBackHttp http, Function<String, URI> node, String fhirBase)
            throws Exception {
        return forDemoEndpoint(http, node, WriteBackServers.ADMIN_PASSWORD, fhirBase);
    }

    /** The same, on a server whose first operator (admin) has this password. */
    static WriteBackQueueClient forDemoEndpoint(WriteBackHttp http, Function<String, URI> node, String adminPassword,
                                                String fhirBase) throws Exception {
        WriteBackQueueClient anonymous = new WriteBackQueueClient(http, node, adminPassword, null, null);
        JsonObject orgs = json(anonymous.admin("GET", "api/organizations?first=0&max=50", null).body());
        for (JsonValue org : orgs.getJsonArray("items")) {
            String orgId = org.asJsonObject().getString("id");
            JsonObject eps = json(anonymous.admin("GET", "api/organizations/" + orgId + "/endpoints", null).body());
            for (JsonValue ep : eps.getJsonArray("items")) {
                if (ep.asJsonObject().getString("baseUrl").equals(fhirBase)) {
                    return new WriteBackQueueClient(http, node, adminPassword, ep.asJsonObject().getString("id"), orgId);
                }
            }
        }
        throw new AssertionError("no demo endpoint for " + fhirBase);
    }

    /** The same endpoint's queue through another node. */
    WriteBackQueueClient through(Function<String, URI> otherNode) {
        return new WriteBackQueueClient(http, otherNode, adminPassword, endpointId, organizationId);
    }

    URI uri(String path) {
        return node.apply(path);
    }

    HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return http.asUser("admin", adminPassword, method, node.apply(path), json);
    }

    HttpResponse<String> as(String user, String password, String method, String path, String json) throws Exception {
        return http.asUser(user, password, method, node.apply(path), json);
    }

    JsonObject queue() throws Exception {
        HttpResponse<String> r = admin("GET", "api/endpoints/" + endpointId + "/write-back?max=1", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    List<JsonObject> items(String status) throws Exception {
        List<JsonObject> all = new ArrayList<>();
        for (int first = 0; ; first += 500) {
            HttpResponse<String> r = admin("GET", "api/endpoints/" + endpointId + "/write-back?status=" + status
                    + "&first=" + first + "&max=500", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonArray page = json(r.body()).getJsonArray("items");
            page.forEach(v -> all.add(v.asJsonObject()));
            if (page.size() < 500) {
                return all;
            }
        }
    }

    /** Visits with series of events recorded through the real event stream (development mode). */
    List<String> backlog(int visits, int events, List<String> appointments, List<String> encounters) throws Exception {
        String body = Json.createObjectBuilder().add("endpointId", endpointId).add("visits", visits)
                .add("eventsPerVisit", events).add("appointments", Json.createArrayBuilder(appointments))
                .add("encounters", Json.createArrayBuilder(encounters)).build().toString();
        HttpResponse<String> r = admin("POST", "api/write-back/development/backlog", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body()).getJsonArray("visits").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** Waits until nothing is pending, in flight or retrying and at least this many are delivered; no dead letter on the way. */
    void awaitDrained(int deliveredAtLeast) throws Exception {
        Instant until = Instant.now().plus(DRAIN_TIMEOUT);
        JsonObject q = null;
        while (Instant.now().isBefore(until)) {
            q = queue();
            long open = q.getJsonNumber("pending").longValue() + q.getJsonNumber("inFlight").longValue()
                    + q.getJsonNumber("retrying").longValue();
            assertThat(q.getJsonNumber("failed").longValue()).as("dead letters: " + q).isZero();
            if (open == 0 && items("DELIVERED").size() >= deliveredAtLeast) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("write-back did not drain in " + DRAIN_TIMEOUT + ": " + q);
    }

    JsonObject awaitItem(String status) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            List<JsonObject> found = items(status);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + status + " item: " + queue());
    }

    String awaitHealth(Set<String> wanted, Duration timeout) throws Exception {
        Instant until = Instant.now().plus(timeout);
        String h = null;
        while (Instant.now().isBefore(until)) {
            h = queue().getString("health");
            if (wanted.contains(h)) {
                return h;
            }
            Thread.sleep(100);
        }
        return h;
    }
}
