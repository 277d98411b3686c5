package org.openvisit.region.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.database.SchemaMigrator;
import org.openvisit.database.TestDatabase;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.OrganizationAuditRecord;
import org.openvisit.launch.domain.model.LaunchAuditEntry;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.region.domain.model.WrongRegionException;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.RevokedJoinLink;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.writeback.domain.model.DeliveryTask;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real persistence units, one H2 database per store: a region's rows land in its own database and nowhere else,
 * a row of another region is refused before it is written, and the global store has no regional table at all.
 */
class RegionalStoresTest {

    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
    private static final List<String> REGIONAL_TABLES = List.of("visit", "visit_participant", "visit_event",
            "call_quality", "launch_audit", "context_link_use", "writeback_task", "writeback_attempt", "audit_event", "teams_attendance_watch", "teams_attendance_mark",
            "revoked_join_link");

    private static TestDatabase global;
    private static final Map<DataRegion, TestDatabase> databases = new EnumMap<>(DataRegion.class);
    private static final Map<DataRegion, EntityManagerFactory> factories = new EnumMap<>(DataRegion.class);

    @BeforeAll
    static void openStores() {
        global = TestDatabase.h2();
        SchemaMigrator.migrate(global.dataSource());
        for (DataRegion region : DataRegion.values()) {
            TestDatabase db = TestDatabase.h2();
            SchemaMigrator.migrateRegional(db.dataSource());
            databases.put(region, db);
            factories.put(region, Persistence.createEntityManagerFactory("openvisit-" + region.key(), Map.of(
                    "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                    "jakarta.persistence.jtaDataSource", "",
                    "jakarta.persistence.nonJtaDataSource", db.dataSource())));
        }
    }

    @AfterAll
    static void closeStores() {
        factories.values().forEach(EntityManagerFactory::close);
        databases.values().forEach(TestDatabase::close);
        global.close();
    }

    private static void inRegion(DataRegion region, Consumer<RegionalStore> work) {
        Map<DataRegion, EntityManager> ems = new EnumMap<>(DataRegion.class);
        factories.forEach((r, f) -> ems.put(r, f.createEntityManager()));
        try {
            ems.get(region).getTransaction().begin();
            work.accept(new JpaRegionalStores(ems).in(region));
            ems.get(region).getTransaction().commit();
        } finally {
            ems.values().forEach(em -> {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            });
        }
    }

    private static Visit visitIn(DataRegion region) {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), region, VisitKeyKind.APPOINTMENT,
                new AppointmentHash(HexFormat.of().formatHex(b)), null, T0);
    }

    @Test
    void eachRegionsVisitEventsTasksAndAuditLandInItsOwnDatabaseOnly() throws SQLException {
        Map<DataRegion, UUID> visits = new EnumMap<>(DataRegion.class);
        for (DataRegion region : DataRegion.values()) {
            Visit visit = visitIn(region);
            visits.put(region, visit.id());
            inRegion(region, store -> {
                store.visits().add(visit);
                store.visits().addParticipant(visit.participant("Practitioner/" + region.key(), ParticipantRole.PROVIDER, T0));
                VisitEvent event = visit.recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "a1", null, T0);
                store.visits().addEvent(event);
                store.deliveryTasks().add(DeliveryTask.forEvent(event.id(), visit.id(), visit.endpointId(),
                        visit.organizationId(), event.sequence(), event.type(), AttendeeRole.PATIENT, T0, null, T0));
                store.launchAudit().add(LaunchAuditEntry.accepted(T0, "https://ehr.example/fhir", visit.endpointId(),
                        visit.organizationId(), "Practitioner/" + region.key(), visit.id(), "OK", "Accepted"));
                store.auditTrail().add(OrganizationAuditRecord.of(region.newRecordId(), T0,
                        AuditFact.of(AuditKind.LAUNCH, AuditActor.ehrUser("Practitioner/" + region.key()))
                                .withOrganization(visit.organizationId()).withVisit(visit.id()), false));
                store.revokedJoinLinks().revoke(new RevokedJoinLink("link-" + region.key(), visit.id(),
                        T0.plusSeconds(86_400)));
            });
        }
        for (DataRegion store : DataRegion.values()) {
            for (DataRegion region : DataRegion.values()) {
                for (String table : List.of("visit_participant", "visit_event", "writeback_task", "launch_audit",
                        "audit_event", "revoked_join_link")) {
                    assertThat(countOfVisit(databases.get(store), table, visits.get(region)))
                            .as(region + " " + table + " in the " + store + " store").isEqualTo(store == region ? 1 : 0);
                }
            }
            assertThat(regionsNamedBy(databases.get(store))).containsOnly(store);
        }
    }

    @Test
    void aRowOfAnotherRegionIsRefusedBeforeItIsWritten() throws SQLException {
        Visit emea = visitIn(DataRegion.EMEA);
        long before = count(databases.get(DataRegion.AMERICAS), "visit");
        assertThatThrownBy(() -> inRegion(DataRegion.AMERICAS, store -> store.visits().add(emea)))
                .isInstanceOf(WrongRegionException.class).hasMessageContaining("EMEA");
        inRegion(DataRegion.EMEA, store -> store.visits().add(emea));
        VisitEvent event = emea.recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "a1", null, T0);
        assertThatThrownBy(() -> inRegion(DataRegion.APAC, store -> store.visits().addEvent(event)))
                .isInstanceOf(WrongRegionException.class);
        assertThatThrownBy(() -> inRegion(DataRegion.APAC, store -> store.deliveryTasks().add(DeliveryTask.forEvent(
                event.id(), emea.id(), emea.endpointId(), emea.organizationId(), 1, event.type(), null, T0, null, T0))))
                .isInstanceOf(WrongRegionException.class);
        assertThatThrownBy(() -> inRegion(DataRegion.APAC, store -> store.revokedJoinLinks().revoke(
                new RevokedJoinLink("link-of-emea", emea.id(), T0.plusSeconds(60)))))
                .isInstanceOf(WrongRegionException.class);
        assertThat(countOfVisit(databases.get(DataRegion.APAC), "revoked_join_link", emea.id())).isZero();
        assertThat(count(databases.get(DataRegion.AMERICAS), "visit")).isEqualTo(before);
        assertThat(count(databases.get(DataRegion.APAC), "visit_event")).isLessThanOrEqualTo(1);
        // an audit event whose id (or visit) names another region is refused as well
        AuditFact launched = AuditFact.of(AuditKind.LAUNCH, AuditActor.ehrUser("Practitioner/1"))
                .withOrganization(emea.organizationId());
        assertThatThrownBy(() -> inRegion(DataRegion.AMERICAS, store -> store.auditTrail().add(
                OrganizationAuditRecord.of(DataRegion.EMEA.newRecordId(), T0, launched, false))))
                .isInstanceOf(WrongRegionException.class);
        assertThatThrownBy(() -> inRegion(DataRegion.AMERICAS, store -> store.auditTrail().add(
                OrganizationAuditRecord.of(DataRegion.AMERICAS.newRecordId(), T0, launched.withVisit(emea.id()), false))))
                .isInstanceOf(WrongRegionException.class);
    }

    @Test
    void theGlobalStoreHasNoRegionalTableAndEachRegionalStoreNoGlobalOne() throws SQLException {
        for (String table : REGIONAL_TABLES) {
            assertThat(tableExists(global, table)).as("global " + table).isFalse();
        }
        for (String table : List.of("organization", "fhir_endpoint", "portal_account", "installation_secret",
                "context_link_key", "writeback_endpoint", "installation_audit_event")) {
            assertThat(tableExists(global, table)).as("global " + table).isTrue();
            assertThat(tableExists(databases.get(DataRegion.EMEA), table)).as("regional " + table).isFalse();
        }
        assertThat(SchemaMigrator.version(databases.get(DataRegion.APAC).dataSource(), true)).isEqualTo("24");
        assertThat(SchemaMigrator.version(global.dataSource(), false)).isEqualTo("51");
    }

    @Test
    void recordIdsNameTheirRegion() {
        for (DataRegion region : DataRegion.values()) {
            UUID id = region.newRecordId();
            assertThat(id.version()).isEqualTo(8);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(DataRegion.ofRecordId(id)).contains(region);
            assertThat(DataRegion.ofRecordId(id.toString())).contains(region);
        }
        assertThat(DataRegion.ofRecordId(UUID.randomUUID())).isEmpty();
        assertThat(DataRegion.ofRecordId("not-an-id")).isEmpty();
    }

    @Test
    void aRenamedIdNamesTheNewRegionAndKeepsEveryOtherBit() {
        UUID id = DataRegion.AMERICAS.newRecordId();
        UUID moved = DataRegion.EMEA.rename(id);
        assertThat(DataRegion.ofRecordId(moved)).contains(DataRegion.EMEA);
        assertThat(moved.toString().charAt(15)).isEqualTo('2');
        assertThat(moved.toString().substring(0, 15) + moved.toString().substring(16))
                .isEqualTo(id.toString().substring(0, 15) + id.toString().substring(16));
        assertThat(DataRegion.APAC.rename(moved)).isEqualTo(DataRegion.APAC.rename(id));
        assertThat(DataRegion.AMERICAS.rename(moved)).isEqualTo(id);
        UUID old = UUID.randomUUID(); // made before the split: names no region, moves as it is
        assertThat(DataRegion.EMEA.rename(old)).isEqualTo(old);
    }

    private static long count(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long countOfVisit(TestDatabase db, String table, UUID visitId) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE visit_id = ?")) {
            s.setString(1, visitId.toString());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static List<DataRegion> regionsNamedBy(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM visit")) {
            List<DataRegion> regions = new java.util.ArrayList<>();
            while (r.next()) {
                regions.add(DataRegion.ofRecordId(r.getString(1)).orElseThrow());
            }
            return regions;
        }
    }

    private static boolean tableExists(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             ResultSet r = c.getMetaData().getTables(null, null, table.toUpperCase(), new String[] {"TABLE"})) {
            return r.next();
        }
    }
}
