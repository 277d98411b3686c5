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
import org.openvisit.it.support.PrivacyScan;

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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two OpenVisit nodes on one PostgreSQL database write back to one EHR sandbox: both relays claim from
 * the same outbox at the same time and no task is delivered by both; when one node is killed (SIGKILL)
 * mid-delivery, the other takes over its claims once their lease runs out, and the EHR still holds every
 * event exactly once, in order per visit. The nodes share the database and the master key, nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteBackClusterIT {

    private final WriteBackHttp http = new WriteBackHttp();
    private TestDatabase database;
    private WriteBackServers servers;
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
                "OPENVISIT_SECRETS_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey)));
        servers.startSandbox();
        servers.node(0).start(); // migrates the database and seeds the demo organization
        servers.node(1).start();
        ehr = new SandboxEhr(http, servers);
        first = WriteBackQueueClient.forDemoEndpoint(http, servers.node(0)::uri, servers.fhirBase());
        second = first.through(servers.node(1)::uri);
    }

    @AfterAll
    void stop() {
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
        // events recorded on both nodes at once; each node's relay is woken by its own and polls for the other's
        CompletableFuture<List<String>> onFirst = CompletableFuture.supplyAsync(() -> backlog(first, 40));
        CompletableFuture<List<String>> onSecond = CompletableFuture.supplyAsync(() -> backlog(second, 40));
        assertThat(onFirst.join()).hasSize(40);
        assertThat(onSecond.join()).hasSize(40);
        first.awaitDrained(400);

        Map<String, Integer> deliveredBy = deliveriesPerNode();
        assertThat(deliveredBy.keySet()).as("both relays delivered").contains(servers.node(0).name(), servers.node(1).name());
        assertThat(deliveredBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(tasksDeliveredMoreThanOnce()).as("tasks with two recorded deliveries").isEmpty();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(2)
    void aNodeKilledMidDeliveryLeavesItsClaimsToTheOtherAfterTheLease() throws Exception {
        ehr.fault("{\"mode\":\"HANG\",\"hangSeconds\":1}");
        second.admin("PUT", "api/write-back/development/relay", "{\"running\":false}"); // the first claims all
        backlog(first, 30);
        Thread.sleep(2500); // several deliveries under way on the first node (held by the EHR)
        servers.node(0).kill();
        List<String> heldByTheDead = tasksClaimedBy(servers.node(0).name());
        ehr.clearFault();
        assertThat(second.admin("PUT", "api/write-back/development/relay", "{\"running\":true}").statusCode())
                .isEqualTo(200);

        second.awaitDrained(400 + 150);
        assertThat(heldByTheDead).as("the killed node held claims").isNotEmpty();
        Map<String, String> deliverer = deliveringNodes(heldByTheDead);
        assertThat(deliverer).hasSize(heldByTheDead.size());
        assertThat(Set.copyOf(deliverer.values())).as("its claims were delivered by the node that lived")
                .containsExactly(servers.node(1).name());
        assertThat(tasksDeliveredMoreThanOnce()).isEmpty();
        assertEveryEventOnceAndInOrder();
    }

    @Test
    @Order(3)
    void theSharedDatabaseHoldsNoPlainEhrReferenceNoPatientDataAndNoToken() throws Exception {
        // 550 events written back to Appointment/appt-1001 and Encounter/enc-1001: those references travel sealed
        Map<String, Integer> read = new HashMap<>();
        assertThat(PrivacyScan.database(database.url(), TestDatabase.POSTGRES_USER,
                concat(PrivacyScan.SANDBOX_SECRETS, List.of("enc-100")), read))
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

    private void assertEveryEventOnceAndInOrder() throws Exception {
        List<JsonObject> delivered = second.items("DELIVERED");
        delivered.forEach(i -> allEvents.add(i.getString("eventId")));
        ExactlyOnceAtTheEhr.check(allEvents, delivered, ehr.eventCommunications());
        assertThat(servers.openVisitLogs()).as("no JWT in the logs").doesNotContain("eyJ");
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

    private Connection connect() throws Exception {
        return DriverManager.getConnection(database.url(), TestDatabase.POSTGRES_USER, "");
    }
}
