package org.openvisit.region.application;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.database.SchemaMigrator;
import org.openvisit.region.domain.model.RegionMove;
import org.openvisit.region.domain.model.RegionMoveState;
import org.openvisit.region.domain.model.RegionMoveStep;
import org.openvisit.region.domain.model.TableCheck;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.visit.application.EhrContext;
import org.openvisit.visit.application.EhrContextSeal;
import org.openvisit.writeback.application.WriteBackSettings;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The move's steps over two real H2 regional stores (the global store's side is an in-memory move): a whole move; a
 * crash in the middle of the copy and the resumed move, with nothing lost and nothing twice; refused while a visit is
 * going on; waiting while a relay holds a write-back task.
 */
class RegionMoveRunnerTest {

    private static final UUID ORG = UUID.randomUUID();

    private final Map<DataRegion, DataSource> stores = new EnumMap<>(DataRegion.class);
    private final RegionMoveRunner runner = new RegionMoveRunner();
    private final FakeWork work = new FakeWork();
    private final AtomicInteger failReseal = new AtomicInteger(-1);
    private String visitId;

    @BeforeEach
    void stores() throws Exception {
        for (DataRegion region : List.of(DataRegion.AMERICAS, DataRegion.EMEA)) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:move" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
            SchemaMigrator.migrateRegional(ds);
            stores.put(region, ds);
        }
        visitId = DataRegion.AMERICAS.newRecordId().toString();
        String task = DataRegion.AMERICAS.newRecordId().toString();
        String event = UUID.randomUUID().toString();
        Object now = OffsetDateTime.now(ZoneOffset.UTC);
        Object before = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        exec(DataRegion.AMERICAS, "INSERT INTO visit (id, endpoint_id, organization_id, key_kind, appointment_hash,"
                + " status, created_at, started_at, ended_at, version, ehr_context) VALUES (?, ?, ?, 'APPOINTMENT', 'h',"
                + " 'ENDED', ?, ?, ?, 1, ?)", visitId, UUID.randomUUID().toString(), ORG.toString(), before, before, now,
                "sealed|" + visitId + "|Appointment/a1");
        exec(DataRegion.AMERICAS, "INSERT INTO visit_event (id, visit_id, endpoint_id, organization_id, sequence_no,"
                + " event_type, occurred_at) VALUES (?, ?, ?, ?, 1, 'VISIT_ENDED', ?)", event, visitId,
                UUID.randomUUID().toString(), ORG.toString(), now);
        exec(DataRegion.AMERICAS, "INSERT INTO writeback_task (id, event_id, visit_id, endpoint_id, organization_id,"
                + " sequence_no, event_type, occurred_at, ehr_context, status, next_attempt_at, created_at) VALUES"
                + " (?, ?, ?, ?, ?, 1, 'VISIT_ENDED', ?, ?, 'PENDING', ?, ?)", task, event, visitId,
                UUID.randomUUID().toString(), ORG.toString(), now, "sealed|" + visitId + "|Appointment/a1", now, now);
        exec(DataRegion.AMERICAS, "INSERT INTO writeback_attempt (id, task_id, attempt_no, actor, started_at,"
                + " duration_ms, outcome) VALUES (?, ?, 1, 'node', ?, 5, 'RETRY')", UUID.randomUUID().toString(), task, now);

        set("work", work);
        set("database", new OpenVisitDatabase() {
            @Override
            public boolean isReady(DataRegion region) {
                return stores.containsKey(region);
            }

            @Override
            public DataSource dataSource(DataRegion region) {
                return stores.get(region);
            }
        });
        set("endpoints", Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {FhirEndpointRepository.class},
                (proxy, method, args) -> method.getReturnType() == List.class ? List.of() : Optional.empty()));
        set("seal", new EhrContextSeal() {
            @Override
            public String seal(UUID visit, EhrContext context) {
                return "sealed|" + visit + "|" + context.appointment();
            }

            @Override
            public EhrContext open(UUID visit, String sealed) {
                if (failReseal.getAndDecrement() == 0) {
                    throw new IllegalStateException("the node died here");
                }
                String[] parts = sealed.split("\\|");
                assertThat(parts[1]).as("bound to its visit").isEqualTo(visit.toString());
                return new EhrContext(parts[2], null);
            }

            @Override
            public String digest(UUID visit, String sealed) {
                return sealed.split("\\|")[2];
            }
        });
        set("settings", new WriteBackSettings() {
            @Override
            public String node() {
                return "node-a";
            }
        });
        set("settle", Duration.ZERO);
        set("liveWindow", Duration.ofHours(12));
    }

    @Test
    void aWholeMoveCopiesVerifiesSwitchesAndCleans() throws SQLException {
        runner.run(work.move.id());

        assertThat(work.move.state()).as(work.move.lastError().orElse("")).isEqualTo(RegionMoveState.CLEANED);
        assertThat(work.switched).isTrue();
        assertThat(work.move.history()).extracting(RegionMoveStep::to).containsExactly(RegionMoveState.REQUESTED,
                RegionMoveState.COPYING, RegionMoveState.VERIFIED, RegionMoveState.SWITCHED, RegionMoveState.CLEANED);
        assertThat(work.move.checks()).allSatisfy(c -> assertThat(c.matches()).as(c.table()).isTrue());
        assertThat(counts(DataRegion.AMERICAS)).containsOnly(0L);
        assertThat(counts(DataRegion.EMEA)).containsExactly(1L, 1L, 1L, 1L);
        String renamed = strings(DataRegion.EMEA, "SELECT id FROM visit").get(0);
        assertThat(DataRegion.ofRecordId(renamed)).hasValue(DataRegion.EMEA);
        assertThat(strings(DataRegion.EMEA, "SELECT ehr_context FROM writeback_task"))
                .containsExactly("sealed|" + renamed + "|Appointment/a1");
    }

    @Test
    void aCrashInTheMiddleOfTheCopyIsResumedWithNothingLostAndNothingTwice() throws SQLException {
        failReseal.set(1); // the visit is copied, the write-back task is not: the node dies
        runner.run(work.move.id());
        assertThat(work.move.state()).isEqualTo(RegionMoveState.COPYING);
        assertThat(work.move.lastError()).hasValueSatisfying(e -> assertThat(e).contains("the node died here"));
        assertThat(counts(DataRegion.EMEA).get(0)).as("the visit was copied before the crash").isEqualTo(1L);
        assertThat(counts(DataRegion.AMERICAS)).containsExactly(1L, 1L, 1L, 1L);

        runner.run(work.move.id()); // the lease was given back (or ran out): the copy is made again

        assertThat(work.move.state()).isEqualTo(RegionMoveState.CLEANED);
        assertThat(counts(DataRegion.EMEA)).containsExactly(1L, 1L, 1L, 1L);
        assertThat(counts(DataRegion.AMERICAS)).containsOnly(0L);
    }

    /**
     * A row of the old region changed after the verification, before the switch (the report sweep made a summary
     * again, an abandoned visit got an event's detail): the last check before the switch copies it again, so the new
     * region has the change (the clean-up after the switch adds only missing rows, and would lose it).
     */
    @Test
    void aChangeAfterTheVerificationIsCarriedOverBeforeTheSwitch() throws SQLException {
        work.afterVerification = () -> {
            try {
                exec(DataRegion.AMERICAS, "UPDATE visit_event SET detail = 'changed after the verification'"
                        + " WHERE organization_id = ?", ORG.toString());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        runner.run(work.move.id());

        assertThat(work.move.state()).as(work.move.lastError().orElse("")).isEqualTo(RegionMoveState.CLEANED);
        assertThat(strings(DataRegion.EMEA, "SELECT detail FROM visit_event"))
                .containsExactly("changed after the verification");
        assertThat(counts(DataRegion.AMERICAS)).containsOnly(0L);
    }

    @Test
    void aVisitGoingOnFailsTheMoveAndCopiesNothing() throws SQLException {
        exec(DataRegion.AMERICAS, "UPDATE visit SET status = 'IN_PROGRESS', ended_at = NULL, created_at = ?",
                OffsetDateTime.now(ZoneOffset.UTC));
        runner.run(work.move.id());
        assertThat(work.move.state()).isEqualTo(RegionMoveState.FAILED);
        assertThat(work.move.reason()).hasValue("The organization has 1 visits going on; move it when they ended.");
        assertThat(counts(DataRegion.EMEA)).containsOnly(0L);
        assertThat(work.switched).isFalse();
    }

    @Test
    void twoRegionsInOneDatabaseAreNeverCopiedOntoThemselves() throws SQLException {
        // PostgreSQL without regional URLs: both stores are the same tables; a copy and its clean-up would delete them
        stores.put(DataRegion.EMEA, stores.get(DataRegion.AMERICAS));
        runner.run(work.move.id());
        assertThat(work.move.state()).isNotIn(RegionMoveState.SWITCHED, RegionMoveState.CLEANED);
        assertThat(work.move.lastError()).hasValueSatisfying(e -> assertThat(e).contains("are one database"));
        assertThat(work.switched).isFalse();
        assertThat(counts(DataRegion.AMERICAS)).containsExactly(1L, 1L, 1L, 1L);
    }

    @Test
    void waitsWhileARelayHoldsAWriteBackTask() throws SQLException {
        exec(DataRegion.AMERICAS, "UPDATE writeback_task SET status = 'IN_FLIGHT', claimed_by = 'node-b', claim_until = ?",
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        runner.run(work.move.id());
        assertThat(work.move.state()).isEqualTo(RegionMoveState.REQUESTED);
        assertThat(work.move.lastError()).hasValue("Waiting for 1 write-back deliveries under way.");
        assertThat(counts(DataRegion.EMEA)).containsOnly(0L);

        exec(DataRegion.AMERICAS, "UPDATE writeback_task SET claim_until = ?", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
        runner.run(work.move.id());
        assertThat(work.move.state()).isEqualTo(RegionMoveState.CLEANED);
    }

    /** The global store's side: one move, in memory, with the real state machine. */
    private static final class FakeWork extends RegionMoveWork {
        final RegionMove move = RegionMove.request(ORG, DataRegion.AMERICAS, DataRegion.EMEA, "operator",
                Instant.now().minusSeconds(60));
        boolean switched;

        @Override
        public Optional<RegionMoveView> take(UUID moveId, String node, Duration lease) {
            return move.take(node, Instant.now(), lease) ? Optional.of(RegionMoveView.of(move)) : Optional.empty();
        }

        @Override
        public void release(UUID moveId, String node) {
            move.release(node);
        }

        @Override
        public void startCopying(UUID moveId, String node) {
            move.startCopying(node, Instant.now());
        }

        /** What happens in the old region between the verification and the switch (a test's change). */
        Runnable afterVerification = () -> { };

        @Override
        public boolean verify(UUID moveId, String node, List<TableCheck> checks) {
            boolean verified = move.verify(checks, node, Instant.now());
            afterVerification.run();
            return verified;
        }

        @Override
        public void switchRegion(UUID moveId, String node) {
            move.switched(node, Instant.now());
            switched = true;
        }

        @Override
        public void cleaned(UUID moveId, String node, long rowsDeleted) {
            move.cleaned(node, Instant.now(), rowsDeleted);
        }

        @Override
        public void fail(UUID moveId, String node, String reason) {
            move.fail(reason, node, Instant.now());
        }

        @Override
        public void problem(UUID moveId, String error) {
            move.problem(error, Instant.now());
        }
    }

    /** visit, visit_event, writeback_task, writeback_attempt rows of the organization in the region's store. */
    private List<Long> counts(DataRegion region) throws SQLException {
        List<Long> counts = new ArrayList<>();
        for (String sql : List.of("SELECT COUNT(*) FROM visit WHERE organization_id = ?",
                "SELECT COUNT(*) FROM visit_event WHERE organization_id = ?",
                "SELECT COUNT(*) FROM writeback_task WHERE organization_id = ?",
                "SELECT COUNT(*) FROM writeback_attempt a JOIN writeback_task t ON t.id = a.task_id"
                        + " WHERE t.organization_id = ?")) {
            try (Connection c = stores.get(region).getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, ORG.toString());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    counts.add(r.getLong(1));
                }
            }
        }
        return counts;
    }

    private List<String> strings(DataRegion region, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = stores.get(region).getConnection(); ResultSet r = c.createStatement().executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private void exec(DataRegion region, String sql, Object... values) throws SQLException {
        try (Connection c = stores.get(region).getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        Field f = RegionMoveRunner.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(runner, value);
    }
}
