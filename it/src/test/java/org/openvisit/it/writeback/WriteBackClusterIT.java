package org.openvisit.it.writeback;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openvisit.database.TestDatabase;
import org.openvisit.it.rooms.RoomClient;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.PrivacyScan;
import org.openvisit.it.support.SiuMessages;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two OpenVisit nodes on one PostgreSQL database write back to one EHR sandbox: both relays claim from
 * the same outbox at the same time and no task is delivered by both; when one node is killed (SIGKILL)
 * mid-delivery, the other takes over its claims once their lease runs out, and the EHR still holds every
 * event exactly once, in order per visit. The nodes share the database, the master key and Payara's data grid,
 * which holds the live rooms: a patient whose socket is on one node and a clinician on the other are in one room
 * (lobby, admit, call signalling, end), and when the patient's node is killed the clinician sees them leave. The
 * nodes share the browsers' states too (in the grid, under the browser's cookie): a join link's pass made on one
 * node opens the lobby on the other, and the
 * patient whose node was killed comes back through nginx (the shipped configuration) to the node that lives, still
 * admitted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteBackClusterIT {

    private final WriteBackHttp http = new WriteBackHttp();
    private TestDatabase database;
    private WriteBackServers servers;
    private Balancer balancer;
    private SandboxEhr ehr;
    private WriteBackQueueClient first;
    private WriteBackQueueClient second;
    private final Set<String> allEvents = new HashSet<>();

    @BeforeAll
    void start() throws Exception {
        database = TestDatabase.postgres();
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        servers = new WriteBackServers(2, Map.of(
                "OPENVISIT_DB_URL", database.url(),
                "OPENVISIT_DB_USER", TestDatabase.POSTGRES_USER,
                "OPENVISIT_DB_PASSWORD", "unused-with-trust-auth",
                "OPENVISIT_SECRETS_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey),
                // the SMS test: numbers within a second, and confirmations sent at 2 a second per number (the built-in
                // carrier's own pace is 1,000), so that a node can be killed while both are sending
                "OPENVISIT_SMS_BUILTIN_PROVISIONING_DELAY_MS", "300",
                "OPENVISIT_SMS_BUILTIN_RATE_PER_NUMBER", "2"));
        servers.startSandboxAndFirstNode(); // the first node migrates the database and seeds the demo organization
        servers.node(1).start();
        balancer = servers.balancer();
        balancer.start();
        ehr = new SandboxEhr(http, servers);
        first = WriteBackQueueClient.forDemoEndpoint(http, servers.node(0)::uri, servers.fhirBase());
        second = first.through(servers.node(1)::uri);
    }

    @AfterAll
    void stop() {
        if (balancer != null) {
            balancer.close();
        }
        if (servers != null) {
            servers.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void bothNodesDeliverFromOneOutboxAndNoTaskIsDeliveredTwice() throws Exception {
        // The relays take turns first, so that each has delivered whatever the machine's load (left to themselves on a
        // loaded machine, one relay took all 400 in clean-clone runs: its timeouts opened the other's circuit, or it
        // simply claimed first), then run side by side on what is left, both claiming from one outbox at once. The
        // EHR holds every request a second until then, so that neither can drain the outbox alone before the other
        // starts (the nodes give up on a request after 1.5 s: a timeout under load is retried, as in production).
        setRelay(first, false);
        setRelay(second, false);
        CompletableFuture<List<String>> onFirst = CompletableFuture.supplyAsync(() -> backlog(first, 40));
        CompletableFuture<List<String>> onSecond = CompletableFuture.supplyAsync(() -> backlog(second, 40));
        assertThat(onFirst.join()).hasSize(40);
        assertThat(onSecond.join()).hasSize(40);
        ehr.fault("{\"mode\":\"HANG\",\"hangSeconds\":1}");
        setRelay(second, true);
        awaitDeliveryBy(servers.node(1).name());
        setRelay(first, true);
        awaitDeliveryBy(servers.node(0).name());
        ehr.clearFault();
        first.awaitDrained(400);

        Map<String, Integer> deliveredBy = deliveriesPerNode();
        assertThat(deliveredBy.keySet()).as("both relays delivered; the queue as each node sees it: %s / %s",
                        first.queue(), second.queue()).contains(servers.node(0).name(), servers.node(1).name());
        assertThat(deliveredBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(tasksDeliveredMoreThanOnce()).as("tasks with two recorded deliveries").isEmpty();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(2)
    void aPatientOnOneNodeAndTheClinicianOnTheOtherShareOneLiveRoom() throws Exception {
        OpenVisitNode clinicianNode = servers.node(0); // the sandbox's launch opens this node
        OpenVisitNode patientNode = servers.node(1);
        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.follow(servers.sandbox(
                "ehr/launch?user=Practitioner/prac-ben-lindqvist&appointment=appt-1008"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String visit = clinician.visitId();
        RoomClient.Socket clinicianSocket = clinician.socket(clinicianNode.uri(""), visit, null);
        String clinicianId = clinicianSocket.await("hello").getString("self");

        RoomClient patient = new RoomClient();
        URI link = URI.create(RoomClient.link(page.body(), "patientLink").replace(clinicianNode.origin(), patientNode.origin()));
        assertThat(link.toString()).startsWith(patientNode.origin() + "/join?token=");
        assertThat(patient.get(link).statusCode()).as("the join link opens on the other node").isEqualTo(303);
        RoomClient.Socket patientSocket = patient.socket(patientNode.uri(""), visit, null);
        JsonObject hello = patientSocket.await("hello");
        assertThat(hello.getString("state")).isEqualTo("WAITING");
        String patientId = hello.getString("self");

        // the limits on what a browser may cause hold across nodes: another browser waiting in the lobby by the same
        // link sends device-test results alternately through both nodes; five are recorded in all
        // (openvisit.rooms.limit.device-tests), not five per node
        RoomClient waiting = new RoomClient();
        assertThat(waiting.get(link).statusCode()).isEqualTo(303);
        RoomClient.Socket waitingHere = waiting.socket(patientNode.uri(""), visit, null);
        String waitingId = waitingHere.await("hello").getString("self");
        RoomClient.Socket waitingThere = waiting.socket(clinicianNode.uri(""), visit, null);
        assertThat(waitingThere.await("hello").getString("self")).isEqualTo(waitingId);
        List<String> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RoomClient.Socket through = i % 2 == 0 ? waitingHere : waitingThere;
            through.send("{\"type\":\"device-test\",\"result\":{\"camera\":\"ok\",\"microphone\":\"ok\"}}");
            answers.add(through.await(m -> m.getString("type").equals("device-test-recorded")
                    || m.getString("type").equals("refused")).getString("type"));
        }
        assertThat(answers).as("answers through node 1, 0, 1, 0, ...").containsExactly("device-test-recorded",
                "device-test-recorded", "device-test-recorded", "device-test-recorded", "device-test-recorded",
                "refused", "refused", "refused");
        waitingThere.close();
        waitingHere.close();

        // the patient on one node appears, live, in the lobby of the clinician's page on the other
        clinicianSocket.await(m -> m.getString("type").equals("attendee") && m.getString("id").equals(patientId)
                && m.getString("state").equals("WAITING"));
        long admit = System.nanoTime();
        clinicianSocket.send("{\"type\":\"admit\",\"id\":\"" + patientId + "\"}");
        patientSocket.await("admitted");
        System.out.printf("Admit on %s -> \"admitted\" on %s: %.1f ms%n", clinicianNode.name(), patientNode.name(),
                (System.nanoTime() - admit) / 1e6);

        // both enter the call; an offer goes from the patient's node to the clinician's
        clinicianSocket.send("{\"type\":\"join\"}");
        clinicianSocket.await("call");
        patientSocket.send("{\"type\":\"join\"}");
        assertThat(patientSocket.await("call").getJsonArray("peers").getJsonObject(0).getString("id"))
                .isEqualTo(clinicianId);
        clinicianSocket.await(m -> m.getString("type").equals("peer-joined") && m.getString("id").equals(patientId));
        patientSocket.send("{\"type\":\"signal\",\"to\":\"" + clinicianId + "\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0 test\"}}");
        JsonObject offer = clinicianSocket.await("signal");
        assertThat(offer.getString("from")).isEqualTo(patientId);
        assertThat(offer.getJsonObject("data").getString("type")).isEqualTo("offer");

        // the patient's page closes on its node: the clinician on the other sees them leave
        patientSocket.close();
        clinicianSocket.await(m -> m.getString("type").equals("peer-left") && m.getString("id").equals(patientId));
        clinicianSocket.await(m -> m.getString("type").equals("event") && m.getString("event").equals("DISCONNECTED")
                && m.getString("attendee", "").equals(patientId));
        // back on the same node, the patient keeps their place: admitted, not in the lobby again
        patientSocket = patient.socket(patientNode.uri(""), visit, null);
        assertThat(patientSocket.await("hello").getString("state")).isEqualTo("ADMITTED");

        // the clinician ends the visit: both pages hear it and their sockets close, on both nodes
        clinicianSocket.send("{\"type\":\"end\"}");
        patientSocket.await("ended");
        clinicianSocket.await("ended");
        assertThat(patientSocket.closeCode()).isEqualTo(4002);
        assertThat(clinicianSocket.closeCode()).isEqualTo(4002);
        assertThat(visitEvents(visit)).containsSubsequence("LOBBY_JOINED", "ADMITTED", "CONNECTED", "DISCONNECTED",
                "VISIT_ENDED");
    }

    /**
     * 50 clinicians' launches of one appointment at once, each begun on one node and called back by the EHR on the
     * other (as a balancer may send them): every launch lands, because the pending launch is in the data grid, and
     * they all land in one visit with one meeting.
     */
    @Test
    @Order(3)
    void fiftyLaunchesOfOneAppointmentAcrossBothNodesGiveOneVisit() throws Exception {
        int launches = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<String>> landed = new ArrayList<>();
            for (int i = 0; i < launches; i++) {
                OpenVisitNode start = servers.node(i % 2);
                OpenVisitNode callback = servers.node((i + 1) % 2);
                landed.add(pool.submit(() -> launchAcross(start, callback, "appt-1006")));
            }
            java.util.Set<String> visits = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> f : landed) {
                visits.add(f.get(5, java.util.concurrent.TimeUnit.MINUTES));
            }
            assertThat(visits).as("one visit for the appointment").hasSize(1);
            try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                    "select count(*), count(distinct coalesce(meeting_id, '-')) from visit where appointment_hash = "
                            + "(select appointment_hash from visit where id = ?)")) {
                s.setString(1, visits.iterator().next());
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getInt(1)).as("visits of the appointment").isEqualTo(1);
                    assertThat(r.getInt(2)).as("one meeting").isEqualTo(1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A sandbox launch begun on {@code start} whose EHR callback reaches {@code callback}: the visit it lands in. */
    private String launchAcross(OpenVisitNode start, OpenVisitNode callback, String appointment) {
        RoomClient clinician = new RoomClient();
        URI next = servers.sandbox("ehr/launch?user=Practitioner/prac-ada-okafor&appointment=" + appointment);
        for (int hop = 0; hop < 12; hop++) {
            HttpResponse<String> response = clinician.get(next);
            if (response.statusCode() / 100 != 3) {
                assertThat(response.statusCode()).as(next + ": " + response.body()).isEqualTo(200);
                return clinician.visitId();
            }
            next = next.resolve(response.headers().firstValue("Location").orElseThrow());
            String path = next.getPath();
            if (path.equals("/launch")) {
                next = URI.create(next.toString().replace(origin(next), start.origin()));
            } else if (path.equals("/launch/callback")) {
                next = URI.create(next.toString().replace(origin(next), callback.origin()));
            }
        }
        throw new AssertionError("too many redirects");
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /**
     * One node dies (SIGKILL) while a patient's socket is on it and its relay holds deliveries under way: the
     * clinician on the other node sees the patient leave, the patient comes back through the balancer still
     * admitted, and the claims of the dead node are delivered by the living one once their lease runs out. (One
     * kill for both: each restart of a node costs a Payara boot.)
     */
    @Test
    @Order(5)
    void whenANodeDiesItsPatientComesBackThroughTheBalancerAndItsClaimsGoToTheNodeThatLives() throws Exception {
        OpenVisitNode clinicianNode = servers.node(0);
        OpenVisitNode patientNode = servers.node(1);
        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.follow(servers.sandbox(
                "ehr/launch?user=Practitioner/prac-diego-alvarez&appointment=appt-1007"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String visit = clinician.visitId();
        RoomClient.Socket clinicianSocket = clinician.socket(clinicianNode.uri(""), visit, null);
        clinicianSocket.await("hello");
        RoomClient patient = new RoomClient();
        assertThat(patient.get(URI.create(RoomClient.link(page.body(), "patientLink")
                .replace(clinicianNode.origin(), patientNode.origin()))).statusCode()).isEqualTo(303);
        // the pass is in the browser's state, which the data grid shares: the other node opens the lobby with it
        assertThat(patient.get(clinicianNode.uri("visit/" + visit + "/lobby")).statusCode())
                .as("the lobby on the node that did not make the pass").isEqualTo(200);
        RoomClient.Socket patientSocket = patient.socket(patientNode.uri(""), visit, null);
        String patientId = patientSocket.await("hello").getString("self");
        clinicianSocket.await(m -> m.getString("type").equals("attendee") && m.getString("id").equals(patientId)
                && m.getString("state").equals("WAITING"));
        long admit = System.nanoTime(); // the second visit: the grid's map, lock and topics are warm
        clinicianSocket.send("{\"type\":\"admit\",\"id\":\"" + patientId + "\"}");
        patientSocket.await("admitted");
        System.out.printf("Admit on %s -> \"admitted\" on %s (second visit): %.1f ms%n", clinicianNode.name(),
                patientNode.name(), (System.nanoTime() - admit) / 1e6);

        // deliveries under way on the patient's node: the other relay paused, the EHR holding each request 1 s
        ehr.fault("{\"mode\":\"HANG\",\"hangSeconds\":1}");
        setRelay(first, false); // the dying node claims all
        backlog(second, 30);
        Thread.sleep(2500);

        List<String> heldByTheDead;
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        heartbeat.scheduleAtFixedRate(() -> clinicianSocket.send("{\"type\":\"ping\",\"n\":1}"), 5, 5, TimeUnit.SECONDS);
        try {
            long killed = System.nanoTime();
            patientNode.kill(); // SIGKILL: its socket never says goodbye; the data grid notices the member is gone
            heldByTheDead = tasksClaimedBy(patientNode.name());
            ehr.clearFault();
            setRelay(first, true);
            clinicianSocket.await(m -> m.getString("type").equals("event") && m.getString("event").equals("DISCONNECTED")
                    && m.getString("attendee", "").equals(patientId), Duration.ofSeconds(90));
            System.out.printf("Patient's node killed -> DISCONNECTED on the clinician's node: %.1f s%n",
                    (System.nanoTime() - killed) / 1e9);
        } finally {
            heartbeat.shutdownNow();
        }
        assertThat(visitEvents(visit)).containsSubsequence("LOBBY_JOINED", "ADMITTED", "DISCONNECTED");
        assertThat(visitEvents(visit)).as("recorded once, though every remaining node looks")
                .filteredOn("DISCONNECTED"::equals).hasSize(1);

        // the patient's page reconnects through the balancer: the dead node is skipped, the living one holds the
        // browser's state from the grid, and the room still has the patient admitted (no new admission)
        long back = System.nanoTime();
        RoomClient.Socket throughBalancer = patient.socket(balancer.uri(""), visit, balancer.origin());
        JsonObject hello = throughBalancer.await("hello");
        System.out.printf("Patient back through nginx after the node was killed: %.0f ms%n",
                (System.nanoTime() - back) / 1e6);
        assertThat(hello.getString("self")).as("the same attendee").isEqualTo(patientId);
        assertThat(hello.getString("state")).isEqualTo("ADMITTED");
        clinicianSocket.await(m -> m.getString("type").equals("attendee") && m.getString("id").equals(patientId)
                && m.getString("state").equals("ADMITTED"));
        throughBalancer.close();
        clinicianSocket.close();

        first.awaitDrained(400 + 150);
        assertThat(heldByTheDead).as("the killed node held claims").isNotEmpty();
        Map<String, String> deliverer = deliveringNodes(heldByTheDead);
        assertThat(deliverer).hasSize(heldByTheDead.size());
        assertThat(Set.copyOf(deliverer.values())).as("its claims were delivered by the node that lived")
                .containsExactly(clinicianNode.name());
        assertThat(tasksDeliveredMoreThanOnce()).isEmpty();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(6)
    void theSharedDatabaseHoldsNoPlainEhrReferenceNoPatientDataAndNoToken() throws Exception {
        // 550 events written back to Appointment/appt-1001 and Encounter/enc-1001: those references travel sealed; the
        // SMS test's patients (name, numbers, appointment ids) are kept sealed or as keyed hashes only
        Map<String, Integer> read = new HashMap<>();
        assertThat(PrivacyScan.database(database.url(), TestDatabase.POSTGRES_USER,
                concat(PrivacyScan.SANDBOX_SECRETS, List.of("enc-100", "Doe^Jane", "2025557", "APT-CLUSTER")), read))
                .as("plain references, patient data or tokens in the store").isEmpty();
        assertThat(read.get("writeback_task")).as("tasks read").isPositive();
        assertThat(read.get("writeback_attempt")).as("attempts read").isPositive();
        assertThat(PrivacyScan.log(servers.openVisitLogs(), PrivacyScan.SANDBOX_SECRETS)).as("in the logs").isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<String> backlog(WriteBackQueueClient node, int visits) {
        try {
            return node.backlog(visits, 5, List.of("Appointment/appt-1001"), List.of("Encounter/enc-1001"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An address with a bad percent escape never reaches a node: the shipped nginx refuses it (400), where Payara's
     * connector would answer an empty 200 and log a SEVERE stack trace (payara/Payara#8000, open).
     */
    @Test
    @Order(7)
    void anAddressWithABadEscapeIsRefusedByTheBalancer() throws Exception {
        for (String path : List.of("/visit/%zz", "/visit/0f8fad5b-d9cb-469f-a165-70867728950e/%e", "/%")) {
            String answer = Http.rawGet(balancer.uri(""), path);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400 ").doesNotContain("Payara", "nginx/");
        }
    }

    /**
     * Issue 15: the EHR's SIU feed on both nodes and a {@code kill -9} while they send. The demo organization's
     * administrator sets SMS up (both consents, a number from the built-in carrier, the demo endpoint linked,
     * confirmations on, a feed secret); {@value #BOOKINGS} bookings are each posted to both nodes at the same moment, as
     * an interface engine that retries on another node might: per message exactly one answer says ACCEPTED, the other
     * DUPLICATE or "send it again" (AE; sent again it is a DUPLICATE). The nodes send at 2 messages a second per number
     * (this class's setting), so the confirmations drain on both for seconds; node 2 is killed in the middle and
     * started again. Every booking's confirmation is in the outbox once, none twice, none missing; the same messages
     * sent again to the restarted node are all DUPLICATE and add nothing.
     */
    @Test
    @Order(4)
    void theAppointmentFeedOnBothNodesSendsEachConfirmationOnceThroughAKillAndARestart() throws Exception {
        OpenVisitNode one = servers.node(0);
        OpenVisitNode two = servers.node(1);
        if (!two.running()) {
            two.start();
        }
        String org = first.organizationId;
        String endpoint = first.endpointId;
        String admin = "sms-cluster-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        HttpResponse<String> user = operator("POST", one, "api/organizations/" + org + "/users", "{\"username\":\""
                + admin + "\",\"displayName\":\"SMS cluster admin\",\"password\":\"" + password
                + "\",\"roles\":[\"ORG_ADMIN\"]}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String sms = "api/organizations/" + org + "/sms";
        HttpResponse<String> settings = http.asUser(admin, password, "PUT", one.uri(sms + "/endpoints/" + endpoint),
                "{\"confirmation\":true,\"reminderMinutes\":[],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"America/New_York\"}");
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        for (String consent : List.of("vendor-sends", "patients-consented")) {
            HttpResponse<String> given = http.asUser(admin, password, "PUT", two.uri(sms + "/consents/" + consent), "{}");
            assertThat(given.statusCode()).as(given.body()).isEqualTo(200);
        }
        HttpResponse<String> requested = http.asUser(admin, password, "POST", one.uri(sms + "/numbers"),
                "{\"country\":\"US\",\"areaCode\":\"202\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String number = WriteBackHttp.json(requested.body()).getString("id");
        JsonObject provisioned = WriteBackHttp.json(requested.body());
        for (int i = 0; i < 120 && provisioned.getBoolean("unfinished"); i++) {
            Thread.sleep(500); // read on the other node: the provisioning job runs on whichever node claimed it
            provisioned = WriteBackHttp.json(http.asUser(admin, password, "GET", two.uri(sms + "/numbers/" + number),
                    null).body());
        }
        assertThat(provisioned.getString("status")).as(provisioned.toString()).isEqualTo("ACTIVE");
        assertThat(http.asUser(admin, password, "PUT", one.uri(sms + "/numbers/" + number + "/endpoints/" + endpoint),
                "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> made = http.asUser(admin, password, "POST",
                one.uri(sms + "/endpoints/" + endpoint + "/feed-secret"), "{}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        String secret = WriteBackHttp.json(made.body()).getString("secret");

        List<String> messages = new ArrayList<>();
        Instant start = Instant.now().plus(Duration.ofHours(4)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (int i = 0; i < BOOKINGS; i++) {
            messages.add(SiuMessages.s12("CLUSTER-" + i, "APT-CLUSTER-" + i, start, "Doe^Jane",
                    String.format("555%04d", 7100 + i)));
        }
        Map<String, List<String>> answers = new HashMap<>(); // message -> every final answer, from both nodes
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            for (String message : messages) {
                Future<String> toOne = senders.submit(() -> feedUntilAnswered(one, endpoint, secret, message));
                Future<String> toTwo = senders.submit(() -> feedUntilAnswered(two, endpoint, secret, message));
                answers.put(message, List.of(toOne.get(2, TimeUnit.MINUTES), toTwo.get(2, TimeUnit.MINUTES)));
            }
        } finally {
            senders.shutdownNow();
        }
        answers.forEach((message, both) -> assertThat(both).as("one node applied the message, the other knew it")
                .containsExactlyInAnyOrder("ACCEPTED", "DUPLICATE"));

        // in the middle of the sending (2 a second per number, on both nodes): node 2 dies and comes back
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (outboxRows(org) < BOOKINGS / 4 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        two.kill();
        long sentAtKill = outboxRows(org);
        assertThat(sentAtKill).as("killed while the confirmations were being sent").isBetween(1L, BOOKINGS - 1L);
        two.start();
        until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while ((outboxRows(org) < BOOKINGS || pendingSends(org) > 0) && System.nanoTime() < until) {
            Thread.sleep(250);
        }
        System.out.printf("SMS on two nodes: node 2 killed after %d of %d confirmations were sent%n", sentAtKill,
                BOOKINGS);
        assertThat(pendingSends(org)).as("confirmations still waiting").isZero();
        assertThat(confirmationsPerAppointment(org)).as("one confirmation per booking, none twice")
                .hasSize(BOOKINGS).allSatisfy((appointment, count) -> assertThat(count).isEqualTo(1));
        assertThat(outboxRows(org)).isEqualTo(BOOKINGS);

        // the restarted node knows every message: sent again, each is a duplicate and nothing more is sent
        for (String message : messages) {
            assertThat(feedUntilAnswered(two, endpoint, secret, message)).isEqualTo("DUPLICATE");
        }
        Thread.sleep(2500); // a round of the send job (every 2 s) on each node
        assertThat(outboxRows(org)).isEqualTo(BOOKINGS);
        assertThat(servers.openVisitLogs()).as("no patient number in the logs").doesNotContain("5557100", "555-7100");
    }

    private static final int BOOKINGS = 24;
    private static final java.net.http.HttpClient FEED_CLIENT = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> operator(String method, OpenVisitNode node, String path, String json) throws Exception {
        return http.asUser("admin", WriteBackServers.ADMIN_PASSWORD, method, node.uri(path), json);
    }

    /**
     * Posts the signed message to the node's HTTPS feed until it gives a final answer: ACCEPTED or DUPLICATE (an AE
     * that says to send it again, given when the other node stored the same message at the same moment, is sent
     * again, as an interface engine does).
     */
    private String feedUntilAnswered(OpenVisitNode node, String endpoint, String secret, String message) throws Exception {
        for (int attempt = 1; attempt <= 10; attempt++) {
            HttpResponse<String> answer = FEED_CLIENT.send(java.net.http.HttpRequest.newBuilder(
                            node.uri("api/feeds/hl7v2/" + endpoint)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/hl7-v2").header("Accept", "application/hl7-v2")
                    .header("X-OpenVisit-Signature", SiuMessages.hmac(secret, message))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(message)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String result = answer.headers().firstValue("X-OpenVisit-Feed-Result").orElse("");
            if (answer.statusCode() == 200) {
                return result;
            }
            assertThat(answer.body()).as("only a retryable refusal").contains("MSA|AE").contains("send it again");
            assertThat(answer.statusCode()).as("a refusal to be sent again is a 503").isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as("with Retry-After").isPresent();
            Thread.sleep(100);
        }
        throw new AssertionError("the message was never answered AA by " + node.name());
    }

    private long outboxRows(String organization) throws Exception {
        return longOf("select count(*) from sms_outbox where organization_id = ?", organization);
    }

    private long pendingSends(String organization) throws Exception {
        return longOf("select count(*) from sms_send where organization_id = ? and status = 'PENDING'", organization);
    }

    private long longOf(String sql, String organization) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, organization);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Appointment id -> how many confirmations of it are in the outbox. */
    private Map<String, Integer> confirmationsPerAppointment(String organization) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select s.appointment_id, count(*) "
                + "from sms_outbox o join sms_send s on s.id = o.send_id where o.organization_id = ? "
                + "and s.kind = 'CONFIRMATION' group by s.appointment_id")) {
            s.setString(1, organization);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }

    private void assertEveryEventOnceAndInOrder() throws Exception {
        List<JsonObject> delivered = (servers.node(0).running() ? first : second).items("DELIVERED");
        delivered.forEach(i -> allEvents.add(i.getString("eventId")));
        ExactlyOnceAtTheEhr.check(allEvents, delivered, ehr.eventCommunications());
        assertThat(servers.openVisitLogs()).as("no JWT in the logs").doesNotContain("eyJ");
    }

    private static final String RELAY = "api/write-back/development/relay";

    private static void setRelay(WriteBackQueueClient node, boolean running) throws Exception {
        HttpResponse<String> r = node.admin("PUT", RELAY, "{\"running\":" + running + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Waits until the node has recorded at least one delivery (the shared database says who delivered). */
    private void awaitDeliveryBy(String node) throws Exception {
        java.time.Instant until = java.time.Instant.now().plus(WriteBackQueueClient.DRAIN_TIMEOUT);
        while (!deliveriesPerNode().containsKey(node)) {
            if (java.time.Instant.now().isAfter(until)) {
                throw new AssertionError(node + " delivered nothing within " + WriteBackQueueClient.DRAIN_TIMEOUT
                        + "; the queue: " + first.queue());
            }
            Thread.sleep(100);
        }
    }

    // ---- the shared database, read directly: which node recorded which delivery

    private Map<String, Integer> deliveriesPerNode() throws Exception {
        Map<String, Integer> perNode = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select actor, count(*) from writeback_attempt where outcome = 'DELIVERED' group by actor");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                perNode.put(r.getString(1), r.getInt(2));
            }
        }
        return perNode;
    }

    private List<String> tasksDeliveredMoreThanOnce() throws Exception {
        List<String> twice = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select task_id from writeback_attempt where outcome = 'DELIVERED' group by task_id having count(*) > 1");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                twice.add(r.getString(1));
            }
        }
        return twice;
    }

    private List<String> tasksClaimedBy(String node) throws Exception {
        List<String> tasks = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select id from writeback_task where status = 'IN_FLIGHT' and claimed_by = ?")) {
            s.setString(1, node);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tasks.add(r.getString(1));
                }
            }
        }
        return tasks;
    }

    /** Task id -> the node that recorded its delivery. */
    private Map<String, String> deliveringNodes(List<String> tasks) throws Exception {
        Map<String, String> byTask = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select actor from writeback_attempt where outcome = 'DELIVERED' and task_id = ?")) {
            for (String task : tasks) {
                s.setString(1, task);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        byTask.put(task, r.getString(1));
                    }
                }
            }
        }
        return byTask;
    }

    /** The visit's recorded event types, in the visit's order, read from the shared database. */
    private List<String> visitEvents(String visit) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select event_type from visit_event where visit_id = ? order by sequence_no")) {
            s.setString(1, visit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    types.add(r.getString(1));
                }
            }
        }
        return types;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(database.url(), TestDatabase.POSTGRES_USER, "");
    }
}
