package org.openvisit.region.infrastructure.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.database.SchemaMigrator;
import org.openvisit.database.TestDatabase;
import org.openvisit.region.domain.model.TableCheck;
import org.openvisit.tenant.domain.model.DataRegion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy of one organization's rows between two regional stores (two databases with the regional migrations, H2
 * and PostgreSQL):
 * only its rows, every table, ids renamed to the new region, sealed values sealed again; a second copy after an
 * interrupted one neither duplicates nor loses a row; the verification sees a changed row; the clean-up leaves the
 * other organizations alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegionCopierContract {

    /** A new, empty database (H2 or PostgreSQL). */
    protected abstract TestDatabase createDatabase();


    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OTHER_ORG = UUID.randomUUID();
    private static final UUID ENDPOINT = UUID.randomUUID();
    private static final UUID OTHER_ENDPOINT = UUID.randomUUID();
    private static final RegionCopier.Scope SCOPE = new RegionCopier.Scope(ORG, List.of(ENDPOINT));

    /** A stand-in for the master key's sealing: the visit id is bound into the text, as the real seal binds it. */
    private static final RegionCopier.Sealed SEALED = new RegionCopier.Sealed() {
        @Override
        public String reseal(UUID oldVisitId, UUID newVisitId, String sealed) {
            return "sealed:" + newVisitId + ":" + plain(oldVisitId, sealed);
        }

        @Override
        public String plain(UUID visitId, String sealed) {
            String prefix = "sealed:" + visitId + ":";
            if (!sealed.startsWith(prefix)) {
                throw new IllegalStateException("sealed for another visit");
            }
            return sealed.substring(prefix.length());
        }
    };

    private TestDatabase americas;
    private TestDatabase emea;
    private Connection source;
    private Connection target;
    private final RegionCopier copier = new RegionCopier(DataRegion.AMERICAS, DataRegion.EMEA, SEALED);
    private final List<UUID> visits = new ArrayList<>();

    @BeforeAll
    void stores() throws SQLException {
        americas = createDatabase();
        emea = createDatabase();
        SchemaMigrator.migrateRegional(americas.dataSource());
        SchemaMigrator.migrateRegional(emea.dataSource());
        source = americas.dataSource().getConnection();
        target = emea.dataSource().getConnection();
    }

    /** Both stores empty, then the same rows in the old one for each test (databases are made once: PostgreSQL's are slow). */
    @BeforeEach
    void rows() throws SQLException {
        for (Connection c : List.of(source, target)) {
            c.setAutoCommit(true);
            List<String> tables = new ArrayList<>(RegionCopier.tables());
            java.util.Collections.reverse(tables);
            for (String table : tables) {
                exec(c, "DELETE FROM " + table);
            }
        }
        visits.clear();
        for (int i = 0; i < 3; i++) {
            visits.add(visit(source, ORG, ENDPOINT, "hash-" + i, DataRegion.AMERICAS.newRecordId(), i));
        }
        visit(source, OTHER_ORG, OTHER_ENDPOINT, "hash-other", DataRegion.AMERICAS.newRecordId(), 0);
        exec(source, "INSERT INTO context_link_use (token_digest, endpoint_id, expires_at) VALUES (?, ?, ?)",
                "digest-1", ENDPOINT.toString(), at(0));
        exec(source, "INSERT INTO context_link_use (token_digest, endpoint_id, expires_at) VALUES (?, ?, ?)",
                "digest-2", OTHER_ENDPOINT.toString(), at(0));
        exec(source, "INSERT INTO sms_appointment (id, organization_id, endpoint_id, appointment_hash, identifier_hash,"
                + " starts_at, status, link_code, created_at, version) VALUES (?, ?, ?, ?, ?, ?, 'BOOKED', 'code1', ?, 0)",
                "a1", ORG.toString(), ENDPOINT.toString(), "a".repeat(64), "b".repeat(64), at(0), at(0));
        exec(source, "INSERT INTO sms_appointment_change (appointment_id, sequence_no, event, to_status, control_hash,"
                + " changed_at) VALUES ('a1', 1, 'BOOKED', 'BOOKED', ?, ?)", "c".repeat(64), at(0));
        exec(source, "INSERT INTO sms_feed_message (endpoint_id, control_hash, organization_id, appointment_id,"
                + " received_at) VALUES (?, ?, ?, 'a1', ?)", ENDPOINT.toString(), "c".repeat(64), ORG.toString(), at(0));
        exec(source, "INSERT INTO sms_send (id, organization_id, appointment_id, kind, slot, due_at, status, version)"
                + " VALUES ('s1', ?, 'a1', 'REMINDER', 1, ?, 'PENDING', 0)", ORG.toString(), at(5));
    }

    @AfterAll
    void close() throws SQLException {
        source.close();
        target.close();
        americas.close();
        emea.close();
    }

    @Test
    void everyTableOfTheRegionalSchemaIsMoved() throws SQLException {
        // a table added by a later migration and not listed would stay behind in the old region
        List<String> tables = new ArrayList<>();
        try (java.sql.ResultSet rs = source.getMetaData().getTables(null, null, null, new String[]{"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String name = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if (schema != null && (schema.equalsIgnoreCase("public")) && !name.startsWith("schema_history")) {
                    tables.add(name);
                }
            }
        }
        assertThat(tables).isNotEmpty();
        assertThat(RegionCopier.TABLES.stream().map(RegionCopier.Table::name).toList())
                .containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void copiesOnlyTheOrganizationsRowsWithIdsNamingTheNewRegionAndVerifies() throws SQLException {
        long copied = copier.copy(source, target, SCOPE);

        // per visit: the visit, a participant, two events, a task with an attempt, a summary, a launch audit row and
        // an audit trail event; a link use; an SMS appointment with its change, its message and its send
        assertThat(copied).isEqualTo(3 * 9 + 1 + 4);
        assertThat(strings(target, "SELECT appointment_hash FROM sms_appointment")).containsExactly("a".repeat(64));
        assertThat(strings(target, "SELECT control_hash FROM sms_feed_message")).containsExactly("c".repeat(64));
        assertThat(RegionCopier.rows(target, SCOPE)).isEqualTo(copied);
        assertThat(strings(target, "SELECT id FROM visit")).hasSize(3)
                .allSatisfy(id -> assertThat(DataRegion.ofRecordId(id)).hasValue(DataRegion.EMEA));
        assertThat(strings(target, "SELECT id FROM writeback_task"))
                .allSatisfy(id -> assertThat(DataRegion.ofRecordId(id)).hasValue(DataRegion.EMEA));
        assertThat(strings(target, "SELECT visit_id FROM visit_event"))
                .allSatisfy(id -> assertThat(DataRegion.ofRecordId(id)).hasValue(DataRegion.EMEA));
        assertThat(strings(target, "SELECT id FROM audit_event")).hasSize(3)
                .allSatisfy(id -> assertThat(DataRegion.ofRecordId(id)).hasValue(DataRegion.EMEA));
        assertThat(strings(target, "SELECT visit_id FROM audit_event"))
                .allSatisfy(id -> assertThat(DataRegion.ofRecordId(id)).hasValue(DataRegion.EMEA));
        assertThat(strings(target, "SELECT organization_id FROM visit")).containsOnly(ORG.toString());
        assertThat(strings(target, "SELECT token_digest FROM context_link_use")).containsExactly("digest-1");
        // the same random bits, the region's four changed; sealed again for the new id
        UUID first = visits.get(0);
        String renamed = (String) copier.renamed(first.toString());
        assertThat(renamed).isNotEqualTo(first.toString());
        assertThat(renamed.substring(0, 15) + renamed.substring(16)).isEqualTo(
                first.toString().substring(0, 15) + first.toString().substring(16));
        assertThat(strings(target, "SELECT ehr_context FROM visit WHERE id = '" + renamed + "'"))
                .containsExactly("sealed:" + renamed + ":Appointment/appt-0");

        List<TableCheck> checks = copier.verify(source, target, SCOPE);
        assertThat(checks).extracting(TableCheck::table).containsExactlyElementsOf(RegionCopier.tables());
        assertThat(checks).allSatisfy(c -> assertThat(c.matches()).as(c.table()).isTrue());
        assertThat(checks.stream().filter(c -> c.table().equals("visit_event")).findFirst().orElseThrow().sourceRows())
                .isEqualTo(6);
    }

    @Test
    void aSecondCopyAfterAnInterruptedOneNeitherDuplicatesNorLoses() throws SQLException {
        copier.copy(source, target, SCOPE);
        // a crash in the middle: the later tables were not copied yet
        exec(target, "DELETE FROM sms_send");
        exec(target, "DELETE FROM writeback_attempt");
        assertThat(copier.verify(source, target, SCOPE)).anySatisfy(c -> assertThat(c.matches()).isFalse());

        copier.copy(source, target, SCOPE);

        assertThat(copier.verify(source, target, SCOPE)).allSatisfy(c -> assertThat(c.matches()).as(c.table()).isTrue());
        assertThat(RegionCopier.rows(target, SCOPE)).isEqualTo(RegionCopier.rows(source, SCOPE));
    }

    @Test
    void theVerificationSeesARowThatChangedAfterTheCopy() throws SQLException {
        copier.copy(source, target, SCOPE);
        exec(source, "UPDATE writeback_task SET status = 'DELIVERED' WHERE visit_id = ?", visits.get(1).toString());

        TableCheck tasks = copier.verify(source, target, SCOPE).stream().filter(c -> c.table().equals("writeback_task"))
                .findFirst().orElseThrow();
        assertThat(tasks.sourceRows()).isEqualTo(tasks.targetRows());
        assertThat(tasks.matches()).isFalse();
    }

    @Test
    void theTopUpAfterTheSwitchCopiesOnlyRowsTheOldStoreGotLate() throws SQLException {
        copier.copy(source, target, SCOPE);
        exec(source, "INSERT INTO launch_audit (id, occurred_at, endpoint_id, organization_id, outcome, reason_code,"
                + " reason) VALUES ('late', ?, ?, ?, 'REFUSED', 'MOVING', 'moving')", at(200), ENDPOINT.toString(),
                ORG.toString());
        exec(source, "INSERT INTO sms_feed_message (endpoint_id, control_hash, organization_id, appointment_id,"
                + " received_at) VALUES (?, ?, ?, 'a1', ?)", ENDPOINT.toString(), "d".repeat(64), ORG.toString(), at(200));

        assertThat(copier.topUp(source, target, SCOPE)).isEqualTo(2);
        assertThat(copier.topUp(source, target, SCOPE)).isZero();
        assertThat(copier.verify(source, target, SCOPE)).allSatisfy(c -> assertThat(c.matches()).as(c.table()).isTrue());
    }

    @Test
    void theCleanUpDeletesTheOrganizationsRowsAndNothingElse() throws SQLException {
        long before = RegionCopier.rows(source, SCOPE);
        long deleted = copier.clear(source, SCOPE);
        assertThat(deleted).isEqualTo(before);
        assertThat(RegionCopier.rows(source, SCOPE)).isZero();
        assertThat(strings(source, "SELECT organization_id FROM visit")).containsExactly(OTHER_ORG.toString());
        assertThat(strings(source, "SELECT token_digest FROM context_link_use")).containsExactly("digest-2");
    }

    @Test
    void countsVisitsGoingOnAndTasksARelayHolds() throws SQLException {
        assertThat(RegionCopier.liveVisits(source, ORG, T0.minusSeconds(3600))).isZero();
        exec(source, "UPDATE visit SET status = 'IN_PROGRESS', started_at = ?, ended_at = NULL WHERE id = ?", at(60),
                visits.get(2).toString());
        assertThat(RegionCopier.liveVisits(source, ORG, T0.minusSeconds(3600))).isEqualTo(1);
        assertThat(RegionCopier.liveVisits(source, ORG, T0.plusSeconds(3600))).as("abandoned long ago").isZero();

        exec(source, "UPDATE writeback_task SET status = 'IN_FLIGHT', claimed_by = 'node', claim_until = ? WHERE visit_id = ?",
                at(120), visits.get(0).toString());
        assertThat(RegionCopier.claimedTasks(source, ORG, T0)).isEqualTo(1);
        assertThat(RegionCopier.claimedTasks(source, ORG, T0.plusSeconds(121))).as("lease ran out").isZero();
    }

    private static UUID visit(Connection c, UUID org, UUID endpoint, String hash, UUID id, int n) throws SQLException {
        String visit = id.toString();
        exec(c, "INSERT INTO visit (id, endpoint_id, organization_id, key_kind, appointment_hash, status, created_at,"
                + " started_at, ended_at, version, ehr_context) VALUES (?, ?, ?, 'APPOINTMENT', ?, 'ENDED', ?, ?, ?, 1, ?)",
                visit, endpoint.toString(), org.toString(), hash, at(0), at(10), at(100),
                "sealed:" + visit + ":Appointment/appt-" + n);
        exec(c, "INSERT INTO visit_participant (id, visit_id, ehr_user_id, role, first_launch_at) VALUES (?, ?, 'dr',"
                + " 'PROVIDER', ?)", UUID.randomUUID().toString(), visit, at(0));
        String event = UUID.randomUUID().toString();
        for (int seq = 1; seq <= 2; seq++) {
            exec(c, "INSERT INTO visit_event (id, visit_id, endpoint_id, organization_id, sequence_no, event_type,"
                    + " occurred_at) VALUES (?, ?, ?, ?, ?, 'CONNECTED', ?)", seq == 1 ? event : UUID.randomUUID().toString(),
                    visit, endpoint.toString(), org.toString(), seq, at(seq));
        }
        String task = DataRegion.AMERICAS.newRecordId().toString();
        exec(c, "INSERT INTO writeback_task (id, event_id, visit_id, endpoint_id, organization_id, sequence_no,"
                + " event_type, occurred_at, ehr_context, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 1,"
                + " 'CONNECTED', ?, ?, 'PENDING', ?, ?)", task, event, visit, endpoint.toString(), org.toString(), at(1),
                "sealed:" + visit + ":Encounter/enc-" + n, at(2), at(1));
        exec(c, "INSERT INTO writeback_attempt (id, task_id, attempt_no, actor, started_at, duration_ms, outcome)"
                + " VALUES (?, ?, 1, 'node', ?, 12, 'RETRY')", UUID.randomUUID().toString(), task, at(2));
        exec(c, "INSERT INTO visit_summary (visit_id, organization_id, endpoint_id, appointment_hash, created_at,"
                + " report_at, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'COMPLETED', ?)", visit, org.toString(),
                endpoint.toString(), hash, at(0), at(0), at(100));
        exec(c, "INSERT INTO launch_audit (id, occurred_at, endpoint_id, organization_id, visit_id, outcome,"
                + " reason_code, reason) VALUES (?, ?, ?, ?, ?, 'ACCEPTED', 'OK', 'ok')", UUID.randomUUID().toString(),
                at(0), endpoint.toString(), org.toString(), visit);
        exec(c, "INSERT INTO audit_event (id, recorded_at, organization_id, kind, outcome, actor_type, actor_id,"
                + " visit_id, endpoint_id, forward_state, forward_attempts, forward_next_at) VALUES (?, ?, ?, 'LAUNCH',"
                + " 'SUCCESS', 'EHR_USER', 'dr', ?, ?, 'PENDING', 0, ?)", DataRegion.AMERICAS.newRecordId().toString(),
                at(0), org.toString(), visit, endpoint.toString(), at(0));
        return id;
    }

    private static OffsetDateTime at(int seconds) {
        return OffsetDateTime.ofInstant(T0.plusSeconds(seconds), ZoneOffset.UTC);
    }

    private static void exec(Connection c, String sql, Object... values) throws SQLException {
        boolean auto = c.getAutoCommit();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
        if (!auto) {
            c.commit();
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
