package org.openvisit.database;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Brings a store to its newest schema version: the global store with the scripts in {@code db/migration/global}
 * (history table {@code schema_history}, the single database's own history before issue 18, so an existing
 * installation's database simply goes on as the global store), a regional store with those in
 * {@code db/migration/regional} (history table {@code schema_history_regional}), plus the Java migrations named
 * below (where portable SQL cannot do the job, or rows are converted with the installation's appointment hash key,
 * which the application passes in: {@link V12__sms_keyed_hashes}; or rows are brought from the global store:
 * {@link V18__revoked_join_links_move_in}). The same scripts run on H2 (embedded default) and PostgreSQL
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

    private static final Supplier<byte[]> NO_KEY = () -> {
        throw new IllegalStateException("The regional store's SMS tables hold appointment ids to convert to keyed "
                + "hashes, which needs the installation's appointment hash key: the application migrates it.");
    };

    private SchemaMigrator() {
    }

    /** The global store. */
    public static MigrateResult migrate(DataSource dataSource) {
        return global(dataSource).migrate();
    }

    /**
     * A regional store without the installation's appointment hash key: for stores whose SMS tables hold no rows to
     * convert ({@link V12__sms_keyed_hashes}; one that does fails, changing nothing).
     */
    public static MigrateResult migrateRegional(DataSource dataSource) {
        return migrateRegional(dataSource, NO_KEY);
    }

    /**
     * A regional store.
     *
     * @param appointmentHashKey the installation's appointment hash key, asked for only when a migration converts
     *                           stored rows to keyed hashes ({@link V12__sms_keyed_hashes})
     */
    public static MigrateResult migrateRegional(DataSource dataSource, Supplier<byte[]> appointmentHashKey) {
        return migrateRegional(dataSource, appointmentHashKey, V18__revoked_join_links_move_in.NONE, null);
    }

    /**
     * A regional store, with what its migrations take from the global store.
     *
     * @param appointmentHashKey     the installation's appointment hash key ({@link V12__sms_keyed_hashes})
     * @param revokedLinksFromGlobal the global store's revoked join links, for the ones whose visit is in this store
     *                               ({@link V18__revoked_join_links_move_in})
     */
    public static MigrateResult migrateRegional(DataSource dataSource, Supplier<byte[]> appointmentHashKey,
            Supplier<List<V18__revoked_join_links_move_in.Revocation>> revokedLinksFromGlobal) {
        return migrateRegional(dataSource, appointmentHashKey, revokedLinksFromGlobal, null);
    }

    /** A regional store, up to {@code target} (null: the newest version); for tests of a conversion. */
    static MigrateResult migrateRegional(DataSource dataSource, Supplier<byte[]> appointmentHashKey, String target) {
        return migrateRegional(dataSource, appointmentHashKey, V18__revoked_join_links_move_in.NONE, target);
    }

    private static MigrateResult migrateRegional(DataSource dataSource, Supplier<byte[]> appointmentHashKey,
            Supplier<List<V18__revoked_join_links_move_in.Revocation>> links, String target) {
        Objects.requireNonNull(appointmentHashKey, "appointmentHashKey");
        Objects.requireNonNull(links, "links");
        if (regional(dataSource, "0", appointmentHashKey, links, null).info().applied().length == 0
                && holdsRegionalTables(dataSource)) {
            baselineKeptRegionalTables(dataSource, appointmentHashKey, links);
        }
        Flyway flyway = regional(dataSource, "0", appointmentHashKey, links, target);
        return regional(dataSource, "0", keyAskedFirst(dataSource, flyway, appointmentHashKey), links, target)
                .migrate();
    }

    /**
     * Starts the regional history at version 1 over regional tables kept from the single database. Another node of the
     * installation starting at the same moment on a fresh database may have begun the history (at 0) and created the
     * tables between this node's look at the history and at the tables: then its history stands, and the migration that
     * follows only waits for its lock and finds nothing left to do.
     */
    static void baselineKeptRegionalTables(DataSource dataSource, Supplier<byte[]> appointmentHashKey,
            Supplier<List<V18__revoked_join_links_move_in.Revocation>> links) {
        try {
            regional(dataSource, "1", appointmentHashKey, links, null).baseline();
        } catch (FlywayException e) {
            if (regional(dataSource, "0", appointmentHashKey, links, null).info().applied().length == 0) {
                throw e;
            }
        }
    }

    /**
     * When V12 is to run on a store holding SMS rows, the key asked for now, before Flyway changes anything: a key
     * that cannot be had then fails the start here, leaving the store as it was (on H2, a migration that fails half-way
     * is recorded as failed and needs a repair).
     */
    private static Supplier<byte[]> keyAskedFirst(DataSource dataSource, Flyway flyway, Supplier<byte[]> key) {
        boolean pending = Arrays.stream(flyway.info().pending())
                .anyMatch(m -> m.getVersion() != null && "12".equals(m.getVersion().getVersion()));
        if (!pending) {
            return key;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!V12__sms_keyed_hashes.needsKey(connection)) {
                return key;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The regional store could not be read: " + e.getMessage(), e);
        }
        byte[] asked = Objects.requireNonNull(key.get(), "the appointment hash key");
        return asked::clone;
    }

    /** The store's schema version now, or null before its first migration. */
    public static String version(DataSource dataSource, boolean regional) {
        MigrationInfo current = (regional ? regional(dataSource, "0", NO_KEY, V18__revoked_join_links_move_in.NONE,
                null) : global(dataSource)).info()
                .current();
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
    private static Flyway regional(DataSource dataSource, String baseline, Supplier<byte[]> appointmentHashKey,
                                   Supplier<List<V18__revoked_join_links_move_in.Revocation>> links, String target) {
        FluentConfiguration configuration = Flyway.configure(SchemaMigrator.class.getClassLoader());
        if (target != null) {
            configuration.target(target);
        }
        return configuration
                .dataSource(dataSource)
                .locations("classpath:db/migration/regional")
                .javaMigrations(new V12__sms_keyed_hashes(appointmentHashKey), new V18__revoked_join_links_move_in(links))
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
