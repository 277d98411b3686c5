package org.openvisit.database;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation from before the split (one database at version 16) upgrades in place: the old database goes on as
 * the global store; its visit tables, holding rows, stay (version 29 drops them only when empty) and the regional
 * history, on the same database, starts at the baseline instead of creating them again. A fresh one-database
 * installation gets the regional tables from the regional baseline.
 */
class SingleDatabaseUpgradeTest {

    @Test
    void aSingleDatabaseWithVisitsGoesOnAsGlobalAndRegionalStoreWithoutLosingARow() throws SQLException {
        try (TestDatabase db = TestDatabase.h2()) {
            Flyway.configure(SchemaMigrator.class.getClassLoader()).dataSource(db.dataSource())
                    .locations("classpath:db/migration/global").javaMigrations(new V13__launch_context())
                    .table(SchemaMigrator.HISTORY_TABLE).target("16").load().migrate();
            execute(db, "INSERT INTO organization (id, name, name_key, data_region, ehr_vendor, created_at, version) "
                    + "VALUES ('o1', 'Old Clinic', 'old clinic', 'EMEA', 'EPIC', CURRENT_TIMESTAMP, 0)");
            execute(db, "INSERT INTO fhir_endpoint (id, organization_id, base_url, environment, label, approver, status, "
                    + "created_at, version, launch_key) VALUES ('e1', 'o1', 'https://ehr.example/fhir', 'PRODUCTION', "
                    + "'EHR', 'analyst', 'DRAFT', CURRENT_TIMESTAMP, 0, 'k1')");
            execute(db, "INSERT INTO visit (id, endpoint_id, organization_id, key_kind, appointment_hash, status, "
                    + "created_at, version) VALUES ('v1', 'e1', 'o1', 'APPOINTMENT', 'h', 'SCHEDULED', CURRENT_TIMESTAMP, 0)");

            SchemaMigrator.migrate(db.dataSource());
            SchemaMigrator.migrateRegional(db.dataSource());

            assertThat(SchemaMigrator.version(db.dataSource(), false)).isEqualTo("51");
            assertThat(SchemaMigrator.version(db.dataSource(), true)).isEqualTo("24");
            assertThat(count(db, "visit")).isEqualTo(1);
            assertThat(count(db, "organization")).isEqualTo(1);
            SchemaMigrator.migrateRegional(db.dataSource()); // a second start changes nothing
            assertThat(count(db, "visit")).isEqualTo(1);
        }
    }

    @Test
    void aFreshSingleDatabaseGetsTheRegionalTablesFromTheRegionalBaseline() throws SQLException {
        try (TestDatabase db = TestDatabase.h2()) {
            SchemaMigrator.migrate(db.dataSource());
            assertThat(V29__regional_tables_leave_global.exists(db.dataSource().getConnection(), "visit")).isFalse();
            SchemaMigrator.migrateRegional(db.dataSource());
            assertThat(count(db, "writeback_task")).isZero();
            assertThat(SchemaMigrator.version(db.dataSource(), true)).isEqualTo("24");
        }
    }

    /**
     * Two nodes starting at once on a fresh single database: this one looked at the regional history (none yet), the
     * other then began it and created the regional tables, and this one, finding the tables, would start the history
     * at the baseline over them. Flyway refuses that baseline; the node goes on with the other's history.
     */
    @Test
    void aNodeThatFindsTheRegionalTablesMadeByAnotherNodeStartingBesideItGoesOnWithItsHistory() throws SQLException {
        try (TestDatabase db = TestDatabase.h2()) {
            SchemaMigrator.migrate(db.dataSource());
            SchemaMigrator.migrateRegional(db.dataSource()); // the other node, between this node's two looks

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .dataSource(db.dataSource()).locations("classpath:db/migration/regional")
                    .table(SchemaMigrator.REGIONAL_HISTORY_TABLE).baselineVersion("1").load().baseline())
                    .isInstanceOf(org.flywaydb.core.api.FlywayException.class);
            SchemaMigrator.baselineKeptRegionalTables(db.dataSource(), () -> null, V18__revoked_join_links_move_in.NONE);
            SchemaMigrator.migrateRegional(db.dataSource());

            assertThat(SchemaMigrator.version(db.dataSource(), true)).isEqualTo("24");
            assertThat(count(db, "visit")).isZero();
        }
    }

    /**
     * Revoked join links leave the global store (global V44, regional V17 and V18): each link still valid goes to the
     * store that holds its visit, and to no other; an expired one is not brought; the global table is dropped once every
     * region took its links. Separate databases (H2 files: the embedded default, or PostgreSQL with regional URLs).
     */
    @Test
    void revokedJoinLinksMoveToTheirVisitsRegionalStoreOnly() throws SQLException {
        try (TestDatabase global = TestDatabase.h2(); TestDatabase americas = TestDatabase.h2();
             TestDatabase emea = TestDatabase.h2()) {
            globalBeforeV44(global);
            java.util.UUID americasVisit = org.openvisit.tenant.domain.model.DataRegion.AMERICAS.newRecordId();
            java.util.UUID emeaVisit = org.openvisit.tenant.domain.model.DataRegion.EMEA.newRecordId();
            String legacyVisit = java.util.UUID.randomUUID().toString(); // made before the split: names no region
            SchemaMigrator.migrateRegional(americas.dataSource(), () -> null, "15"); // 16: another change
            SchemaMigrator.migrateRegional(emea.dataSource(), () -> null, "15"); // 16: another change
            insertVisit(americas, americasVisit.toString());
            insertVisit(emea, emeaVisit.toString());
            insertVisit(emea, legacyVisit);
            revoke(global, "l-americas", americasVisit.toString(), "DATEADD('HOUR', 20, CURRENT_TIMESTAMP)");
            revoke(global, "l-emea", emeaVisit.toString(), "DATEADD('HOUR', 20, CURRENT_TIMESTAMP)");
            revoke(global, "l-legacy", legacyVisit, "DATEADD('HOUR', 3, CURRENT_TIMESTAMP)");
            revoke(global, "l-expired", emeaVisit.toString(), "DATEADD('HOUR', -1, CURRENT_TIMESTAMP)");

            SchemaMigrator.migrate(global.dataSource());
            assertThat(V29__regional_tables_leave_global.exists(global.dataSource().getConnection(),
                    "revoked_join_link")).isFalse();
            for (TestDatabase region : java.util.List.of(americas, emea)) {
                SchemaMigrator.migrateRegional(region.dataSource(), () -> null,
                        () -> V18__revoked_join_links_move_in.readLeaving(global.dataSource()));
                assertThat(SchemaMigrator.version(region.dataSource(), true)).isEqualTo("24");
            }
            assertThat(links(americas)).containsExactly("l-americas");
            assertThat(links(emea)).containsExactlyInAnyOrder("l-emea", "l-legacy");

            V18__revoked_join_links_move_in.dropLeaving(global.dataSource());
            assertThat(V29__regional_tables_leave_global.exists(global.dataSource().getConnection(),
                    V18__revoked_join_links_move_in.LEAVING)).isFalse();
            V18__revoked_join_links_move_in.dropLeaving(global.dataSource()); // a second start: nothing to drop
        }
    }

    /** One database for every store (PostgreSQL without regional URLs, here H2): the links stay, in the one table. */
    @Test
    void revokedJoinLinksStayWhenEveryStoreIsOneDatabase() throws SQLException {
        try (TestDatabase db = TestDatabase.h2()) {
            globalBeforeV44(db);
            SchemaMigrator.migrateRegional(db.dataSource(), () -> null, "15"); // 16: another change
            String visit = org.openvisit.tenant.domain.model.DataRegion.APAC.newRecordId().toString();
            insertVisit(db, visit);
            revoke(db, "l-apac", visit, "DATEADD('HOUR', 20, CURRENT_TIMESTAMP)");

            SchemaMigrator.migrate(db.dataSource());
            SchemaMigrator.migrateRegional(db.dataSource()); // no rows handed in: read in this very database
            assertThat(links(db)).containsExactly("l-apac");
            V18__revoked_join_links_move_in.dropLeaving(db.dataSource());
            assertThat(links(db)).containsExactly("l-apac");
        }
    }

    private static void globalBeforeV44(TestDatabase db) {
        Flyway.configure(SchemaMigrator.class.getClassLoader()).dataSource(db.dataSource())
                .locations("classpath:db/migration/global")
                .javaMigrations(new V13__launch_context(), new V29__regional_tables_leave_global())
                .table(SchemaMigrator.HISTORY_TABLE).target("41").load().migrate(); // 42, 43: another change
    }

    private static void insertVisit(TestDatabase db, String id) throws SQLException {
        execute(db, "INSERT INTO visit (id, endpoint_id, organization_id, key_kind, appointment_hash, status, created_at, "
                + "version) VALUES ('" + id + "', 'e1', 'o1', 'APPOINTMENT', 'h" + id + "', 'SCHEDULED', "
                + "CURRENT_TIMESTAMP, 0)");
    }

    private static void revoke(TestDatabase db, String link, String visit, String expiresAt) throws SQLException {
        execute(db, "INSERT INTO revoked_join_link (link_id, visit_id, expires_at) VALUES ('" + link + "', '" + visit
                + "', " + expiresAt + ")");
    }

    private static java.util.List<String> links(TestDatabase db) throws SQLException {
        java.util.List<String> links = new java.util.ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT link_id FROM revoked_join_link")) {
            while (r.next()) {
                links.add(r.getString(1));
            }
        }
        return links;
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
