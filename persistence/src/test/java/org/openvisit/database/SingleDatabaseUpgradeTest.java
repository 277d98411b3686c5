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

            assertThat(SchemaMigrator.version(db.dataSource(), false)).isEqualTo("42");
            assertThat(SchemaMigrator.version(db.dataSource(), true)).isEqualTo("16");
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
            assertThat(SchemaMigrator.version(db.dataSource(), true)).isEqualTo("16");
        }
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
