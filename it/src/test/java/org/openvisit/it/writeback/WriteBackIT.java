package org.openvisit.it.writeback;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.StringReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write-back end to end over real HTTP against the EHR sandbox: events become the right FHIR resources,
 * a replay creates nothing new, and after 30 % random 500s, 429 with Retry-After, the EHR down, the EHR
 * hanging, and a SIGKILL of OpenVisit mid-delivery, every event is at the EHR exactly once, in order
 * per visit. The EHR is counted, not OpenVisit's own bookkeeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteBackIT {

    private static final String EVENT_SYSTEM = "urn:openvisit:visit-event";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WriteBackServers servers;
    private String endpointId;
    private String organizationId;
    private String orgAdmin;
    private String readerToken;
    /** Every event recorded in this test run (event id -> visit id, sequence). */
    private final Map<String, String> allEvents = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        servers = new WriteBackServers();
        servers.startSandbox();
        servers.startOpenVisit();
        endpointId = demoEndpoint();
        readerToken = sandboxReaderToken();
    }

    @AfterAll
    void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void aLaunchedVisitsEndIsWrittenToItsEncounterWithOneCommunicationAndTheJwksIsPublished() throws Exception {
        String visitId = launch("Practitioner/prac-chen-wu", "appt-1004");
        HttpResponse<String> ended = openVisit("POST", "api/visits/" + visitId + "/end", null);
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        awaitDrained(1);

        JsonObject encounter = fhir("Encounter/enc-1004");
        assertThat(encounter.getString("status")).isEqualTo("finished");
        assertThat(encounter.getJsonObject("period").containsKey("end")).isTrue();
        List<JsonObject> delivered = items("DELIVERED").stream()
                .filter(i -> i.getString("visitId").equals(visitId)).toList();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).getString("eventType")).isEqualTo("VISIT_ENDED");
        JsonObject bundle = fhir("Communication?identifier=" + enc(EVENT_SYSTEM + "|" + delivered.get(0).getString("eventId")));
        assertThat(bundle.getInt("total")).isEqualTo(1);
        JsonObject communication = bundle.getJsonArray("entry").getJsonObject(0).getJsonObject("resource");
        assertThat(communication.getJsonObject("encounter").getString("reference")).isEqualTo("Encounter/enc-1004");
        assertThat(communication.getJsonArray("about").getJsonObject(0).getString("reference"))
                .isEqualTo("Appointment/appt-1004");
        assertThat(communication.containsKey("subject")).isFalse();
        assertThat(communication.toString()).doesNotContain("pat-");
        allEvents.put(delivered.get(0).getString("eventId"), visitId);

        JsonObject jwks = json(get(servers.openVisit(".well-known/jwks.json"), null).body());
        assertThat(jwks.getJsonArray("keys")).hasSize(1);
        assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("alg")).isEqualTo("ES384");
        assertThat(jwks.getJsonArray("keys").getJsonObject(0).containsKey("d")).isFalse();
        JsonObject queue = queue();
        assertThat(queue.getString("health")).isEqualTo("HEALTHY");
        assertThat(queue.getString("keyId")).isEqualTo(jwks.getJsonArray("keys").getJsonObject(0).getString("kid"));
    }

    @Test
    @Order(2)
    void connectAndEndMoveTheEncounterAndEveryEventIsOneCommunication() throws Exception {
        List<String> visits = backlog(4, 4, List.of("Appointment/appt-1001", "Appointment/appt-1002"),
                List.of("Encounter/enc-1001", "Encounter/enc-1002"));
        awaitDrained(allEvents.size() + 16);
        JsonObject encounter = fhir("Encounter/enc-1001");
        assertThat(encounter.getString("status")).isEqualTo("finished");
        assertThat(encounter.getJsonObject("period").containsKey("start")).isTrue();
        assertThat(encounter.getJsonObject("period").containsKey("end")).isTrue();
        assertThat(visits).hasSize(4);
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(3)
    void aThirdOfRequestsFailingWith500() throws Exception {
        fault("{\"mode\":\"ERROR\",\"rate\":0.3}");
        backlog(20, 5, List.of("Appointment/appt-1003"), List.of("Encounter/enc-1003"));
        awaitDrained(allEvents.size() + 100);
        clearFault();
        assertThat(items("DELIVERED").stream().anyMatch(i -> i.getInt("attempts") > 1))
                .as("some deliveries needed a retry").isTrue();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(4)
    void rateLimitedWithRetryAfter() throws Exception {
        fault("{\"mode\":\"RATE_LIMITED\",\"retryAfterSeconds\":2,\"count\":6}");
        Instant before = Instant.now();
        backlog(5, 3, List.of("Appointment/appt-1005"), List.of("Encounter/enc-1005"));
        awaitDrained(allEvents.size() + 15);
        assertThat(Duration.between(before, Instant.now())).as("the 2 s Retry-After was honoured")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(5)
    void theEhrDownForAWhileOpensTheCircuitAndEverythingArrivesAfterwards() throws Exception {
        fault("{\"mode\":\"DOWN\",\"seconds\":12}");
        backlog(10, 3, List.of("Appointment/appt-1006"), List.of("Encounter/enc-1006"));
        String health = awaitHealth(Set.of("DOWN", "DEGRADED"), Duration.ofSeconds(10));
        assertThat(health).isIn("DOWN", "DEGRADED");
        awaitDrained(allEvents.size() + 30);
        assertThat(queue().getString("health")).isEqualTo("HEALTHY");
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(6)
    void theEhrHangingPastTheTimeoutWritesLateAndTheReplayCreatesNothingNew() throws Exception {
        // each request is held 3 s (OpenVisit gives up after 1.5 s), then the EHR carries it out anyway:
        // the retry meets a Communication that already exists and must not make a second one
        fault("{\"mode\":\"HANG\",\"hangSeconds\":3,\"count\":6}");
        backlog(3, 2, List.of("Appointment/appt-1007"), List.of("Encounter/enc-1007"));
        awaitDrained(allEvents.size() + 6);
        clearFault();
        assertThat(items("DELIVERED").stream().anyMatch(i -> i.getInt("attempts") > 1)).isTrue();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(7)
    void killedMidDeliveryAndRestartedOnTheSameDataNothingIsLostOrDuplicated() throws Exception {
        fault("{\"mode\":\"HANG\",\"hangSeconds\":1}");
        backlog(30, 5, List.of("Appointment/appt-1008"), List.of("Encounter/enc-1008"));
        Thread.sleep(2500); // committed, several deliveries under way (held by the EHR)
        long inFlightBefore = queue().getJsonNumber("inFlight").longValue();
        servers.killOpenVisit();
        clearFault();
        servers.startOpenVisit();
        awaitDrained(allEvents.size() + 150);
        assertThat(inFlightBefore).as("deliveries were in flight when OpenVisit was killed").isPositive();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(8)
    void aDeadLetterWaitsInThePortalQueueAndOnlyAnOrganizationAdministratorRetriesOrDiscardsIt() throws Exception {
        // a visit whose EHR gave no references: its first event cannot be written and holds the second back
        backlog(1, 2, List.of(), List.of());
        JsonObject failed = awaitItem("FAILED");
        assertThat(failed.getString("lastError")).contains("no appointment or encounter");
        assertThat(failed.getInt("attempts")).isEqualTo(1);
        assertThat(queue().getString("health")).isEqualTo("FAILING");
        assertThat(queue().getJsonNumber("pending").longValue()).isEqualTo(1);
        String item = "api/endpoints/" + endpointId + "/write-back/items/" + failed.getString("id");
        assertThat(openVisit("POST", item + "/retry", null).statusCode()).as("an operator is not the organization's admin")
                .isEqualTo(403);

        String orgAdmin = "wb-admin-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = openVisit("POST", "api/organizations/" + organizationId + "/users",
                "{\"username\":\"" + orgAdmin + "\",\"roles\":[\"ORG_ADMIN\"],\"password\":\"a long enough password\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> retried = as(orgAdmin, "POST", item + "/retry");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried.body()).getString("status")).isEqualTo("PENDING");
        JsonObject again = awaitItem("FAILED");
        assertThat(again.getString("id")).isEqualTo(failed.getString("id"));
        HttpResponse<String> discarded = as(orgAdmin, "POST", item + "/discard");
        assertThat(json(discarded.body()).getString("status")).isEqualTo("DISCARDED");
        // now the visit's second event is due, and fails the same way
        JsonObject second = awaitItem("FAILED");
        assertThat(second.getInt("sequence")).isEqualTo(2);
        // the portal screen shows it with its reason and the administrator's buttons
        String page = portalPage(orgAdmin, "write-back.xhtml?endpoint=" + endpointId);
        assertThat(page).contains("Write-back to the EHR", "FAILING", "no appointment or encounter", "Retry", "Discard");
        as(orgAdmin, "POST", "api/endpoints/" + endpointId + "/write-back/items/" + second.getString("id") + "/discard");
        assertThat(queue().getString("health")).isEqualTo("HEALTHY");
        assertThat(as(orgAdmin, "POST", item + "/discard").statusCode()).as("discarded is final").isEqualTo(409);
        this.orgAdmin = orgAdmin;
    }

    @Test
    @Order(9)
    void metricsShowTheQueueLatencyAndFailuresPerEndpoint() throws Exception {
        Thread.sleep(5500); // the relay counts the queue every 5 s
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(servers.openVisit("metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("writeback_queue_depth", "writeback_delivery_latency",
                "writeback_failures_total", "endpoint=\"" + endpointId + "\"");
    }

    @Test
    @Order(10)
    void theEpicStyleAdapterSetsTheConnectionStatusOncePerEvent() throws Exception {
        HttpResponse<String> switched = as(orgAdmin, "PUT", "api/endpoints/" + endpointId + "/write-back/settings",
                "{\"adapter\":\"EPIC_CONNECTION_STATUS\"}");
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(json(switched.body()).getString("adapter")).isEqualTo("EPIC_CONNECTION_STATUS");
        int before = allEvents.size();
        fault("{\"mode\":\"ERROR\",\"rate\":0.3}");
        backlog(4, 3, List.of("Appointment/appt-1002"), List.of("Encounter/enc-1002"));
        awaitDrained(before + 12);
        clearFault();
        JsonArray calls = json("{\"calls\":" + get(servers.sandbox("api/epic/2019/Telehealth/External/ConnectionStatuses"),
                null).body() + "}").getJsonArray("calls");
        assertThat(calls).hasSize(12);
        Set<String> events = new HashSet<>();
        for (JsonValue c : calls) {
            JsonObject call = c.asJsonObject();
            events.add(call.getString("ExternalEventID"));
            assertThat(call.getString("ContactID")).isEqualTo("appt-1002");
            assertThat(call.getString("EncounterID")).isEqualTo("enc-1002");
        }
        assertThat(events).hasSize(12);
        assertThat(calls.stream().map(c -> c.asJsonObject().getString("Event")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("Waiting", "Connected", "Ended");
    }

    /** Signs in on the portal's form as a person does and reads a page. */
    private String portalPage(String user, String path) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> signInPage = browser.send(HttpRequest.newBuilder(servers.openVisit("sign-in.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher viewState = java.util.regex.Pattern
                .compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"").matcher(signInPage.body());
        assertThat(viewState.find()).isTrue();
        java.util.regex.Matcher action = java.util.regex.Pattern.compile("<form id=\"signIn\"[^>]*action=\"([^\"]*)\"")
                .matcher(signInPage.body());
        String target = action.find() ? action.group(1).replace("&amp;", "&") : "/sign-in.xhtml";
        String form = "signIn=signIn&signIn%3Ausername=" + enc(user) + "&signIn%3Apassword=" + enc("a long enough password")
                + "&signIn%3Anext=&signIn%3Asubmit=&jakarta.faces.ViewState=" + enc(viewState.group(1).replace("&amp;", "&"));
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(servers.openVisit("/").resolve(target))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(servers.openVisit(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    private JsonObject awaitItem(String status) throws Exception {
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

    private HttpResponse<String> as(String user, String method, String path) throws Exception {
        return as(user, method, path, null);
    }

    private HttpResponse<String> as(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(servers.openVisit(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user
                        + ":a long enough password").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- checks

    /** Every event of this run has exactly one Communication at the EHR, no other exists, and each visit's came in order. */
    private void assertEveryEventOnceAndInOrder() throws Exception {
        List<JsonObject> delivered = items("DELIVERED");
        for (JsonObject item : delivered) {
            allEvents.put(item.getString("eventId"), item.getString("visitId"));
        }
        JsonObject bundle = fhir("Communication?category=" + enc("urn:openvisit:writeback|virtual-visit-event"));
        JsonArray entries = bundle.containsKey("entry") ? bundle.getJsonArray("entry") : JsonValue.EMPTY_JSON_ARRAY;
        Map<String, Integer> perEvent = new HashMap<>();
        Map<String, Instant> writtenAt = new HashMap<>();
        for (JsonValue e : entries) {
            JsonObject c = e.asJsonObject().getJsonObject("resource");
            for (JsonValue id : c.getJsonArray("identifier")) {
                if (EVENT_SYSTEM.equals(id.asJsonObject().getString("system"))) {
                    String eventId = id.asJsonObject().getString("value");
                    perEvent.merge(eventId, 1, Integer::sum);
                    writtenAt.put(eventId, Instant.parse(c.getJsonObject("meta").getString("lastUpdated")));
                }
            }
        }
        List<String> duplicated = perEvent.entrySet().stream().filter(x -> x.getValue() > 1).map(Map.Entry::getKey).toList();
        assertThat(duplicated).as("events written twice at the EHR").isEmpty();
        assertThat(perEvent.keySet()).as("the EHR has exactly this run's events").isEqualTo(allEvents.keySet());
        assertThat(entries.size()).isEqualTo(allEvents.size());

        // in order per visit: at the EHR, each visit's Communications were written in the events' order
        Map<String, List<JsonObject>> byVisit = delivered.stream().collect(Collectors.groupingBy(i -> i.getString("visitId")));
        for (List<JsonObject> visit : byVisit.values()) {
            visit.sort(Comparator.comparingLong(i -> i.getJsonNumber("sequence").longValue()));
            for (int n = 1; n < visit.size(); n++) {
                Instant earlier = writtenAt.get(visit.get(n - 1).getString("eventId"));
                Instant later = writtenAt.get(visit.get(n).getString("eventId"));
                assertThat(later).as("visit " + visit.get(n).getString("visitId") + " event "
                        + visit.get(n).getJsonNumber("sequence")).isAfterOrEqualTo(earlier);
            }
        }
        assertThat(servers.openVisitLogs()).as("no JWT in the logs").doesNotContain("eyJ");
    }

    private void awaitDrained(int deliveredAtLeast) throws Exception {
        Instant until = Instant.now().plus(DRAIN_TIMEOUT);
        JsonObject q = null;
        while (Instant.now().isBefore(until)) {
            q = queue();
            long open = q.getJsonNumber("pending").longValue() + q.getJsonNumber("inFlight").longValue()
                    + q.getJsonNumber("retrying").longValue();
            assertThat(q.getJsonNumber("failed").longValue()).as("dead letters: " + q).isZero();
            if (open == 0 && countDelivered() >= deliveredAtLeast) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("write-back did not drain in " + DRAIN_TIMEOUT + ": " + q);
    }

    private String awaitHealth(Set<String> wanted, Duration timeout) throws Exception {
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

    private long countDelivered() throws Exception {
        return json(openVisit("GET", "api/endpoints/" + endpointId + "/write-back?status=DELIVERED&max=1", null).body())
                .getJsonArray("items").isEmpty() ? 0 : items("DELIVERED").size();
    }

    // ---- OpenVisit

    private JsonObject queue() throws Exception {
        HttpResponse<String> r = openVisit("GET", "api/endpoints/" + endpointId + "/write-back?max=1", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private List<JsonObject> items(String status) throws Exception {
        List<JsonObject> all = new ArrayList<>();
        for (int first = 0; ; first += 500) {
            HttpResponse<String> r = openVisit("GET", "api/endpoints/" + endpointId + "/write-back?status=" + status
                    + "&first=" + first + "&max=500", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonArray page = json(r.body()).getJsonArray("items");
            page.forEach(v -> all.add(v.asJsonObject()));
            if (page.size() < 500) {
                return all;
            }
        }
    }

    private List<String> backlog(int visits, int events, List<String> appointments, List<String> encounters)
            throws Exception {
        String body = Json.createObjectBuilder().add("endpointId", endpointId).add("visits", visits)
                .add("eventsPerVisit", events).add("appointments", Json.createArrayBuilder(appointments))
                .add("encounters", Json.createArrayBuilder(encounters)).build().toString();
        HttpResponse<String> r = openVisit("POST", "api/write-back/development/backlog", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body()).getJsonArray("visits").getValuesAs(JsonValue::toString);
    }

    private String demoEndpoint() throws Exception {
        JsonObject orgs = json(openVisit("GET", "api/organizations?first=0&max=50", null).body());
        for (JsonValue org : orgs.getJsonArray("items")) {
            JsonObject eps = json(openVisit("GET", "api/organizations/" + org.asJsonObject().getString("id")
                    + "/endpoints", null).body());
            for (JsonValue ep : eps.getJsonArray("items")) {
                if (ep.asJsonObject().getString("baseUrl").equals(servers.fhirBase())) {
                    organizationId = org.asJsonObject().getString("id");
                    return ep.asJsonObject().getString("id");
                }
            }
        }
        throw new AssertionError("no demo endpoint for " + servers.fhirBase());
    }

    /** A clinician's SMART EHR launch through the sandbox; the visit id from the page it lands on. */
    private String launch(String user, String appointment) throws Exception {
        HttpResponse<String> l = post(servers.sandbox("admin/api/launches"), "application/json",
                Json.createObjectBuilder().add("app", "openvisit").add("appointment", appointment).add("user", user)
                        .build().toString(), null);
        assertThat(l.statusCode()).as(l.body()).isEqualTo(200);
        URI next = URI.create(json(l.body()).getString("url"));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        for (int hop = 0; hop < 10; hop++) {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 302 && r.statusCode() != 303) {
                assertThat(next.getPath()).as(r.body()).matches("/visit/[0-9a-f-]{36}");
                return next.getPath().substring("/visit/".length());
            }
            next = next.resolve(r.headers().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("too many redirects");
    }

    private HttpResponse<String> openVisit(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(servers.openVisit(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + WriteBackServers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- the sandbox

    private void fault(String json) throws Exception {
        HttpResponse<String> r = send("PUT", servers.sandbox("admin/api/faults"), "application/json", json, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private void clearFault() throws Exception {
        send("DELETE", servers.sandbox("admin/api/faults"), null, null, null);
    }

    private JsonObject fhir(String path) throws Exception {
        HttpResponse<String> r = get(servers.sandbox("fhir/" + path), readerToken);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    /** A backend client of the test itself (inline JWKS) that may read everything. */
    private String sandboxReaderToken() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("wb-it-reader").generate();
        String jwks = "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}";
        HttpResponse<String> reg = send("PUT", servers.sandbox("admin/api/apps/wb-it-reader"), "application/json",
                "{\"name\":\"write-back test reader\",\"kind\":\"CONFIDENTIAL_ASYMMETRIC\",\"jwks\":" + jwks + "}", null);
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
        String tokenUrl = servers.sandbox("oauth/token").toString();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("wb-it-reader").build(),
                new JWTClaimsSet.Builder().issuer("wb-it-reader").subject("wb-it-reader").audience(tokenUrl)
                        .jwtID(UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plusSeconds(120)))
                        .build());
        assertion.sign(new ECDSASigner(key));
        String form = "grant_type=client_credentials&scope=" + enc("system/*.rs")
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion.serialize());
        HttpResponse<String> token = post(URI.create(tokenUrl), "application/x-www-form-urlencoded", form, null);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return json(token.body()).getString("access_token");
    }

    // ---- plumbing

    private HttpResponse<String> get(URI uri, String bearer) throws Exception {
        return send("GET", uri, null, null, bearer);
    }

    private HttpResponse<String> post(URI uri, String type, String body, String bearer) throws Exception {
        return send("POST", uri, type, body, bearer);
    }

    private HttpResponse<String> send(String method, URI uri, String type, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
