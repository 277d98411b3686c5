package org.openvisit.database;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Brings a store to its newest schema version: the global store with the scripts in {@code db/migration/global}
 * (history table {@code schema_history}, the single database's own history before issue 18, so an existing
 * installation's database simply goes on as the global store), a regional store with those in
 * {@code db/migration/regional} (history table {@code schema_history_regional}), plus the Java migrations named
 * below (where portable SQL cannot do the job). The same scripts run on H2 (embedded default) and PostgreSQL
 * (production); a script that has been applied is never edited, only followed by a new version.
 * <p>
 * A regional store may be the very database that the global store is (PostgreSQL's default when no regional URL is
 * configured, and an upgraded installation's): when its history table is missing but the database already holds the
 * regional tables (kept there by {@link V29__regional_tables_leave_global} because they held rows), the regional
 * history starts at the baseline (version 1) instead of creating them again.
 */
public final class SchemaMigrator {

    public static final String HISTORY_TABLE = "schema_history";
    public static final String REGIONAL_HISTORY_TABLE = "schema_history_regional";

    private SchemaMigrator() {
    }

    /** The global store. */
    public static MigrateResult migrate(DataSource dataSource) {
        return global(dataSource).migrate();
    }

    /** A regional store. */
    public static MigrateResult migrateRegional(DataSource dataSource) {
        if (regional(dataSource, "0").info().applied().length == 0 && holdsRegionalTables(dataSource)) {
            regional(dataSource, "1").baseline();
        }
        return regional(dataSource, "0").migrate();
    }

    /** The store's schema version now, or null before its first migration. */
    public static String version(DataSource dataSource, boolean regional) {
        MigrationInfo current = (regional ? regional(dataSource, "0") : global(dataSource)).info().current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    private static Flyway global(DataSource dataSource) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/global")
                // Java migrations are named here, not found by scanning class paths (application servers differ)
                .javaMigrations(new V13__launch_context(), new V29__regional_tables_leave_global())
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    /**
     * A regional store's migrations. A database that already holds other tables (the global store's, when both are
     * one database) but no regional history gets its history started at {@code baseline} (0: every regional script
     * still runs; 1: the regional tables are there already).
     */
    private static Flyway regional(DataSource dataSource, String baseline) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/regional")
                .table(REGIONAL_HISTORY_TABLE)
                .baselineVersion(baseline)
                .baselineOnMigrate(true)
                .baselineDescription("0".equals(baseline) ? "regional store beside other tables"
                        : "regional tables kept from the single database")
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    private static boolean holdsRegionalTables(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return V29__regional_tables_leave_global.exists(connection, "visit");
        } catch (SQLException e) {
            throw new IllegalStateException("The regional store could not be read: " + e.getMessage(), e);
        }
    }
}
