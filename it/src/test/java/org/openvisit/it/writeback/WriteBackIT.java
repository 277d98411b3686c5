package org.openvisit.it.writeback;

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

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.writeback.WriteBackHttp.enc;
import static org.openvisit.it.writeback.WriteBackHttp.json;

/**
 * Write-back end to end over real HTTP against the EHR sandbox: events become the right FHIR resources,
 * a replay creates nothing new, and after 30 % random 500s, 429 with Retry-After, the EHR down, the EHR
 * hanging, and a SIGKILL of OpenVisit mid-delivery, every event is at the EHR exactly once, in order
 * per visit. The EHR is counted, not OpenVisit's own bookkeeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteBackIT {

    private static final String PASSWORD = "a long enough password";

    private final WriteBackHttp http = new WriteBackHttp();
    private WriteBackServers servers;
    private SandboxEhr ehr;
    private WriteBackQueueClient wb;
    private String endpointId;
    private String organizationId;
    private String orgAdmin;
    /** Every event recorded in this test run (event id -> visit id, sequence). */
    private final Map<String, String> allEvents = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        servers = new WriteBackServers();
        servers.startSandboxAndFirstNode();
        ehr = new SandboxEhr(http, servers);
        wb = WriteBackQueueClient.forDemoEndpoint(http, servers::openVisit, servers.fhirBase());
        endpointId = wb.endpointId;
        organizationId = wb.organizationId;
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
        wb.awaitDrained(1);

        // the clinician ended the visit without anyone connected: no call took place, so the Encounter is left
        // as the EHR had it (not finished, the planned slot kept); the Communication says the visit ended
        JsonObject encounter = ehr.fhir("Encounter/enc-1004");
        assertThat(encounter.getString("status")).isEqualTo("planned");
        List<JsonObject> delivered = wb.items("DELIVERED").stream()
                .filter(i -> i.getString("visitId").equals(visitId)).toList();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).getString("eventType")).isEqualTo("VISIT_ENDED");
        JsonObject bundle = ehr.fhir("Communication?identifier=" + enc(SandboxEhr.EVENT_SYSTEM + "|" + delivered.get(0).getString("eventId")));
        assertThat(bundle.getInt("total")).isEqualTo(1);
        JsonObject communication = bundle.getJsonArray("entry").getJsonObject(0).getJsonObject("resource");
        assertThat(communication.getJsonObject("encounter").getString("reference")).isEqualTo("Encounter/enc-1004");
        assertThat(communication.getJsonArray("basedOn").getJsonObject(0).getString("reference"))
                .isEqualTo("Appointment/appt-1004");
        assertThat(communication.containsKey("about")).isFalse();
        assertThat(communication.containsKey("subject")).isFalse();
        assertThat(communication.toString()).doesNotContain("pat-");
        allEvents.put(delivered.get(0).getString("eventId"), visitId);

        JsonObject jwks = json(http.get(servers.openVisit(".well-known/jwks.json"), "application/json").body());
        assertThat(jwks.getJsonArray("keys")).hasSize(1);
        assertThat(jwks.getJsonArray("keys").getJsonObject(0).getString("alg")).isEqualTo("ES384");
        assertThat(jwks.getJsonArray("keys").getJsonObject(0).containsKey("d")).isFalse();
        JsonObject queue = wb.queue();
        assertThat(queue.getString("health")).isEqualTo("HEALTHY");
        assertThat(queue.getString("keyId")).isEqualTo(jwks.getJsonArray("keys").getJsonObject(0).getString("kid"));
    }

    @Test
    @Order(2)
    void connectAndEndMoveTheEncounterAndEveryEventIsOneCommunication() throws Exception {
        // each visit: patient in the lobby, clinician connected, patient admitted and connected (the call starts), end
        List<String> visits = wb.backlog(4, 5, List.of("Appointment/appt-1001", "Appointment/appt-1002"),
                List.of("Encounter/enc-1001", "Encounter/enc-1002"));
        wb.awaitDrained(allEvents.size() + 20);
        JsonObject encounter = ehr.fhir("Encounter/enc-1001");
        assertThat(encounter.getString("status")).isEqualTo("finished");
        assertThat(encounter.getJsonObject("period").containsKey("start")).isTrue();
        assertThat(encounter.getJsonObject("period").containsKey("end")).isTrue();
        assertThat(visits).hasSize(4);
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(3)
    void theEncounterPeriodIsTheRealCallAndEventsInTheSameSecondKeepTheirOrderToTheMillisecond() throws Exception {
        String visit = wb.backlog(1, 5, List.of("Appointment/appt-1003"), List.of("Encounter/enc-1003")).get(0);
        wb.awaitDrained(allEvents.size() + 5);
        List<JsonObject> events = wb.items("DELIVERED").stream().filter(i -> i.getString("visitId").equals(visit))
                .sorted(java.util.Comparator.comparingInt(i -> i.getInt("sequence"))).toList();
        assertThat(events).hasSize(5);
        Instant callStart = millis(events.get(3)); // the patient connected while the clinician was there
        Instant visitEnd = millis(events.get(4));
        JsonObject encounter = ehr.fhir("Encounter/enc-1003");
        assertThat(encounter.getString("status")).isEqualTo("finished");
        assertThat(Instant.parse(encounter.getJsonObject("period").getString("start"))).isEqualTo(callStart);
        assertThat(Instant.parse(encounter.getJsonObject("period").getString("end"))).isEqualTo(visitEnd);

        int sameSecond = 0;
        Instant previous = null;
        for (JsonObject event : events) {
            JsonObject c = communication(event.getString("eventId"));
            String sent = c.getString("sent");
            assertThat(sent).as("sent with milliseconds").matches(".*T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})");
            Instant at = Instant.parse(sent.endsWith("Z") ? sent : java.time.OffsetDateTime.parse(sent).toInstant().toString());
            assertThat(at).isEqualTo(millis(event));
            if (previous != null) {
                assertThat(at).as("the visit's order").isAfterOrEqualTo(previous);
                if (previous.getEpochSecond() == at.getEpochSecond()) {
                    sameSecond++;
                }
            }
            previous = at;
        }
        assertThat(sameSecond).as("events recorded together fall in the same second").isPositive();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(4)
    void anAppointmentOnlyVisitMovesTheAppointmentAndItsCommunicationsAreFoundThroughBasedOn() throws Exception {
        String visit = wb.backlog(1, 5, List.of("Appointment/appt-1005"), List.of()).get(0);
        wb.awaitDrained(allEvents.size() + 5);
        assertThat(ehr.fhir("Appointment/appt-1005").getString("status")).isEqualTo("fulfilled");
        assertThat(ehr.fhir("Appointment/appt-1005/_history/1").getString("status")).isEqualTo("booked");
        assertThat(ehr.fhir("Appointment/appt-1005/_history/2").getString("status"))
                .as("arrived with the patient in the lobby").isEqualTo("arrived");
        Set<String> visitEvents = wb.items("DELIVERED").stream().filter(i -> i.getString("visitId").equals(visit))
                .map(i -> i.getString("eventId")).collect(Collectors.toSet());
        assertThat(visitEvents).hasSize(5);
        JsonObject found = ehr.fhir("Communication?based-on=" + enc("Appointment/appt-1005"));
        Set<String> foundEvents = new HashSet<>();
        for (JsonValue e : found.getJsonArray("entry")) {
            JsonObject c = e.asJsonObject().getJsonObject("resource");
            assertThat(c.containsKey("encounter")).isFalse();
            foundEvents.add(c.getJsonArray("identifier").getJsonObject(0).getString("value"));
        }
        assertThat(foundEvents).isEqualTo(visitEvents);
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(5)
    void aVersionConflictAnswered409IsReadAgainAndTheOtherEditIsKept() throws Exception {
        ehr.versionConflictStatus(409);
        ehr.fault("{\"mode\":\"CONCURRENT_EDIT\",\"count\":2}");
        String visit = wb.backlog(1, 5, List.of("Appointment/appt-1006"), List.of("Encounter/enc-1006")).get(0);
        wb.awaitDrained(allEvents.size() + 5);
        ehr.clearFault();
        List<JsonObject> events = wb.items("DELIVERED").stream().filter(i -> i.getString("visitId").equals(visit)).toList();
        assertThat(events).hasSize(5).allSatisfy(i -> assertThat(i.getInt("attempts")).as("no retry, no dead letter").isEqualTo(1));
        assertThat(wb.items("FAILED")).isEmpty();
        JsonObject encounter = ehr.fhir("Encounter/enc-1006");
        assertThat(encounter.getString("status")).isEqualTo("finished");
        assertThat(encounter.toString()).as("the other edit is kept").contains("urn:openvisit:sandbox:edited-meanwhile");
        String logs = servers.openVisitLogs();
        assertThat(logs).contains("answered HTTP 409 (version conflict) to the update of the visit's Encounter")
                .doesNotContain("enc-1006");
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(6)
    void aConflictThatKeepsComingBackWith412IsTriedAgainLaterNotADeadLetter() throws Exception {
        ehr.versionConflictStatus(412);
        ehr.fault("{\"mode\":\"CONCURRENT_EDIT\",\"count\":4}");
        String visit = wb.backlog(1, 5, List.of("Appointment/appt-1007"), List.of("Encounter/enc-1007")).get(0);
        wb.awaitDrained(allEvents.size() + 5);
        ehr.clearFault();
        List<JsonObject> events = wb.items("DELIVERED").stream().filter(i -> i.getString("visitId").equals(visit)).toList();
        assertThat(events).hasSize(5);
        assertThat(events.stream().filter(i -> i.getInt("sequence") == 4).findFirst().orElseThrow().getInt("attempts"))
                .as("three conflicts in one attempt, then a second attempt").isEqualTo(2);
        assertThat(wb.items("FAILED")).isEmpty();
        assertThat(ehr.fhir("Encounter/enc-1007").getString("status")).isEqualTo("finished");
        assertThat(servers.openVisitLogs()).contains("kept changing at the EHR (HTTP 412");
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(7)
    void theSandboxRefusesAnAbsoluteIfNoneExistLikeAStrictServerAndOpenVisitSendsTheRelativeForm() throws Exception {
        String body = "{\"resourceType\":\"Communication\",\"status\":\"completed\",\"identifier\":[{\"system\":\"urn:wb-it\",\"value\":\"x1\"}]}";
        HttpResponse<String> absolute = ehr.create("Communication", body,
                servers.fhirBase() + "/Communication?identifier=" + enc("urn:wb-it|x1"));
        assertThat(absolute.statusCode()).as(absolute.body()).isEqualTo(400);
        assertThat(absolute.body()).contains("If-None-Exist");
        HttpResponse<String> relative = ehr.create("Communication", body, "identifier=" + enc("urn:wb-it|x1"));
        assertThat(relative.statusCode()).as(relative.body()).isEqualTo(201);
        HttpResponse<String> again = ehr.create("Communication", body, "identifier=" + enc("urn:wb-it|x1"));
        assertThat(again.statusCode()).as("the second conditional create finds the first").isEqualTo(200);
        // every delivery above went through the same refusal: none failed
        assertThat(wb.items("FAILED")).isEmpty();
    }

    @Test
    @Order(13)
    void aThirdOfRequestsFailingWith500() throws Exception {
        ehr.fault("{\"mode\":\"ERROR\",\"rate\":0.3}");
        wb.backlog(20, 5, List.of("Appointment/appt-1003"), List.of("Encounter/enc-1003"));
        wb.awaitDrained(allEvents.size() + 100);
        ehr.clearFault();
        assertThat(wb.items("DELIVERED").stream().anyMatch(i -> i.getInt("attempts") > 1))
                .as("some deliveries needed a retry").isTrue();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(14)
    void rateLimitedWithRetryAfter() throws Exception {
        ehr.fault("{\"mode\":\"RATE_LIMITED\",\"retryAfterSeconds\":2,\"count\":6}");
        Instant before = Instant.now();
        wb.backlog(5, 3, List.of("Appointment/appt-1005"), List.of("Encounter/enc-1005"));
        wb.awaitDrained(allEvents.size() + 15);
        assertThat(Duration.between(before, Instant.now())).as("the 2 s Retry-After was honoured")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(15)
    void theEhrDownForAWhileOpensTheCircuitAndEverythingArrivesAfterwards() throws Exception {
        ehr.fault("{\"mode\":\"DOWN\",\"seconds\":12}");
        wb.backlog(10, 3, List.of("Appointment/appt-1006"), List.of("Encounter/enc-1006"));
        String health = wb.awaitHealth(Set.of("DOWN", "DEGRADED"), Duration.ofSeconds(10));
        assertThat(health).isIn("DOWN", "DEGRADED");
        wb.awaitDrained(allEvents.size() + 30);
        assertThat(wb.queue().getString("health")).isEqualTo("HEALTHY");
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(16)
    void theEhrHangingPastTheTimeoutWritesLateAndTheReplayCreatesNothingNew() throws Exception {
        // each request is held 3 s (OpenVisit gives up after 1.5 s), then the EHR carries it out anyway:
        // the retry meets a Communication that already exists and must not make a second one
        ehr.fault("{\"mode\":\"HANG\",\"hangSeconds\":3,\"count\":6}");
        wb.backlog(3, 2, List.of("Appointment/appt-1007"), List.of("Encounter/enc-1007"));
        wb.awaitDrained(allEvents.size() + 6);
        ehr.clearFault();
        assertThat(wb.items("DELIVERED").stream().anyMatch(i -> i.getInt("attempts") > 1)).isTrue();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(17)
    void killedMidDeliveryAndRestartedOnTheSameDataNothingIsLostOrDuplicated() throws Exception {
        ehr.fault("{\"mode\":\"HANG\",\"hangSeconds\":1}");
        wb.backlog(30, 5, List.of("Appointment/appt-1008"), List.of("Encounter/enc-1008"));
        Thread.sleep(2500); // committed, several deliveries under way (held by the EHR)
        long inFlightBefore = wb.queue().getJsonNumber("inFlight").longValue();
        // a visit whose events are committed (the answer came back) a few milliseconds before the kill: the
        // embedded database must still have them afterwards (H2's default wrote commits about once a second)
        String lastVisit = wb.backlog(1, 2, List.of("Appointment/appt-1008"), List.of("Encounter/enc-1008")).get(0);
        servers.killOpenVisit();
        ehr.clearFault();
        servers.startOpenVisit();
        wb.awaitDrained(allEvents.size() + 152);
        assertThat(inFlightBefore).as("deliveries were in flight when OpenVisit was killed").isPositive();
        assertThat(wb.items("DELIVERED").stream().filter(i -> i.getString("visitId").equals(lastVisit)))
                .as("the events committed just before the kill survived it and reached the EHR").hasSize(2);
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(18)
    void aDeadLetterWaitsInThePortalQueueAndOnlyAnOrganizationAdministratorRetriesOrDiscardsIt() throws Exception {
        // a visit whose EHR gave no references: its first event cannot be written and holds the second back
        wb.backlog(1, 2, List.of(), List.of());
        JsonObject failed = wb.awaitItem("FAILED");
        assertThat(failed.getString("lastError")).contains("no appointment or encounter");
        assertThat(failed.getInt("attempts")).isEqualTo(1);
        assertThat(wb.queue().getString("health")).isEqualTo("FAILING");
        assertThat(wb.queue().getJsonNumber("pending").longValue()).isEqualTo(1);
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
        JsonObject again = wb.awaitItem("FAILED");
        assertThat(again.getString("id")).isEqualTo(failed.getString("id"));
        HttpResponse<String> discarded = as(orgAdmin, "POST", item + "/discard");
        assertThat(json(discarded.body()).getString("status")).isEqualTo("DISCARDED");
        // now the visit's second event is due, and fails the same way
        JsonObject second = wb.awaitItem("FAILED");
        assertThat(second.getInt("sequence")).isEqualTo(2);
        // the portal screen shows it with its reason and the administrator's buttons
        String page = portalPage(orgAdmin, "write-back.xhtml?endpoint=" + endpointId);
        assertThat(page).contains("Write-back to the EHR", "Needs attention", "no appointment or encounter", "Retry", "Discard");
        as(orgAdmin, "POST", "api/endpoints/" + endpointId + "/write-back/items/" + second.getString("id") + "/discard");
        assertThat(wb.queue().getString("health")).isEqualTo("HEALTHY");
        assertThat(as(orgAdmin, "POST", item + "/discard").statusCode()).as("discarded is final").isEqualTo(409);
        // each retry and discard is in the organization's audit trail, with the administrator who pressed it
        String audit = as(orgAdmin, "GET", "api/organizations/" + organizationId + "/audit-events?max=50").body();
        assertThat(audit).contains("write-back-retried", "write-back-discarded", orgAdmin);
        this.orgAdmin = orgAdmin;
    }

    @Test
    @Order(19)
    void metricsShowTheQueueLatencyAndFailuresPerEndpoint() throws Exception {
        Thread.sleep(5500); // the relay counts the queue every 5 s
        assertThat(http.get(servers.openVisit("metrics"), "text/plain").statusCode()).as("operators only").isEqualTo(401);
        HttpResponse<String> metrics = http.getAs("admin", WriteBackServers.ADMIN_PASSWORD, servers.openVisit("metrics"),
                "text/plain");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("writeback_queue_depth", "writeback_delivery_latency",
                "writeback_failures_total", "endpoint=\"" + endpointId + "\"");
    }

    @Test
    @Order(20)
    void theEpicStyleAdapterSetsTheConnectionStatusOncePerEvent() throws Exception {
        HttpResponse<String> switched = as(orgAdmin, "PUT", "api/endpoints/" + endpointId + "/write-back/settings",
                "{\"adapter\":\"EPIC_CONNECTION_STATUS\"}");
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(json(switched.body()).getString("adapter")).isEqualTo("EPIC_CONNECTION_STATUS");
        int before = allEvents.size();
        ehr.fault("{\"mode\":\"ERROR\",\"rate\":0.3}");
        wb.backlog(4, 3, List.of("Appointment/appt-1002"), List.of("Encounter/enc-1002"));
        wb.awaitDrained(before + 12);
        ehr.clearFault();
        JsonArray calls = json("{\"calls\":" + http.get(servers.sandbox("api/epic/2019/Telehealth/External/ConnectionStatuses"),
                "application/json").body() + "}").getJsonArray("calls");
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

    @Test
    @Order(21)
    void anOrganizationLimitsTheCallsAtOnceToItsEhrAndBadLimitsAreRefused() throws Exception {
        String settings = "api/endpoints/" + endpointId + "/write-back/settings";
        HttpResponse<String> zero = as(orgAdmin, "PUT", settings, "{\"adapter\":\"FHIR\",\"callLimit\":0}");
        assertThat(zero.statusCode()).as(zero.body()).isEqualTo(400);
        assertThat(zero.body()).contains("callLimit", "1 to 64");
        HttpResponse<String> tooLongClientId = as(orgAdmin, "PUT", settings,
                "{\"adapter\":\"FHIR\",\"clientId\":\"" + "x".repeat(256) + "\"}");
        assertThat(tooLongClientId.statusCode()).as(tooLongClientId.body()).isEqualTo(400);
        assertThat(tooLongClientId.body()).contains("clientId");
        assertThat(wb.queue().getString("adapter")).as("a refused change changes nothing").isEqualTo("EPIC_CONNECTION_STATUS");
        assertThat(openVisit("PUT", settings, "{\"adapter\":\"FHIR\",\"callLimit\":2}").statusCode())
                .as("an operator is not the organization's admin").isEqualTo(403);

        HttpResponse<String> two = as(orgAdmin, "PUT", settings, "{\"adapter\":\"FHIR\",\"callLimit\":2}");
        assertThat(two.statusCode()).as(two.body()).isEqualTo(200);
        assertThat(json(two.body()).getInt("callLimit")).isEqualTo(2);
        assertThat(json(two.body()).getInt("callsAtOnce")).isEqualTo(2);
        assertThat(portalPage(orgAdmin, "write-back.xhtml?endpoint=" + endpointId)).contains("2 (limited for this EHR)");

        // the EHR holds every call 1 s, and each of these deliveries (a visit's end) is two calls: read the
        // Encounter, create the Communication; 8 of them, 2 at a time, cannot take less than 8 s (with the
        // installation's 16 at a time they take about 2 s)
        ehr.fault("{\"mode\":\"HANG\",\"hangSeconds\":1}");
        Set<String> before = wb.items("DELIVERED").stream().map(i -> i.getString("eventId")).collect(Collectors.toSet());
        Instant start = Instant.now();
        wb.backlog(8, 1, List.of("Appointment/appt-1001"), List.of("Encounter/enc-1001"));
        wb.awaitDrained(before.size() + 8);
        Duration took = Duration.between(start, Instant.now());
        ehr.clearFault();
        assertThat(took).as("8 deliveries of 2 s, 2 at a time").isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        List<String> added = wb.items("DELIVERED").stream().map(i -> i.getString("eventId"))
                .filter(e -> !before.contains(e)).toList();
        assertThat(added).hasSize(8);
        Map<String, List<Instant>> atTheEhr = ehr.eventCommunications();
        assertThat(added).allSatisfy(e -> assertThat(atTheEhr.get(e)).as("event " + e + " at the EHR").hasSize(1));

        HttpResponse<String> cleared = as(orgAdmin, "PUT", settings, "{\"adapter\":\"FHIR\"}");
        assertThat(json(cleared.body()).containsKey("callLimit") && !json(cleared.body()).isNull("callLimit")).isFalse();
        assertThat(json(cleared.body()).getInt("callsAtOnce")).isEqualTo(16);
    }

    /** An event's time as the EHR gets it: to the millisecond. */
    private static Instant millis(JsonObject item) {
        return Instant.parse(item.getString("occurredAt")).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private JsonObject communication(String eventId) throws Exception {
        JsonObject bundle = ehr.fhir("Communication?identifier=" + enc(SandboxEhr.EVENT_SYSTEM + "|" + eventId));
        assertThat(bundle.getInt("total")).isEqualTo(1);
        return bundle.getJsonArray("entry").getJsonObject(0).getJsonObject("resource");
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
        String form = "signIn=signIn&signIn%3Ausername=" + enc(user) + "&signIn%3Apassword=" + enc(PASSWORD)
                + "&signIn%3Anext=&signIn%3Asubmit=&jakarta.faces.ViewState=" + enc(viewState.group(1).replace("&amp;", "&"))
                + "&primefaces.nonce=" + enc(org.openvisit.it.support.JsfForm.nonce(signInPage.body()));
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(servers.openVisit("/").resolve(target))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(servers.openVisit(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    private HttpResponse<String> as(String user, String method, String path) throws Exception {
        return wb.as(user, PASSWORD, method, path, null);
    }

    private HttpResponse<String> as(String user, String method, String path, String json) throws Exception {
        return wb.as(user, PASSWORD, method, path, json);
    }

    private HttpResponse<String> openVisit(String method, String path, String json) throws Exception {
        return wb.admin(method, path, json);
    }

    /** Every event of this run has exactly one Communication at the EHR, no other exists, and each visit's came in order. */
    private void assertEveryEventOnceAndInOrder() throws Exception {
        List<JsonObject> delivered = wb.items("DELIVERED");
        for (JsonObject item : delivered) {
            allEvents.put(item.getString("eventId"), item.getString("visitId"));
        }
        ExactlyOnceAtTheEhr.check(allEvents.keySet(), delivered, ehr.eventCommunications());
        assertThat(servers.openVisitLogs()).as("no JWT in the logs").doesNotContain("eyJ");
    }

    /** A clinician's SMART EHR launch through the sandbox; the visit id from the page it lands on. */
    private String launch(String user, String appointment) throws Exception {
        HttpResponse<String> l = http.send("POST", servers.sandbox("admin/api/launches"), "application/json",
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
}
