package org.openvisit.database;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Brings a database to the newest schema version with the versioned scripts in {@code db/migration}.
 * The same scripts run on H2 (embedded default) and PostgreSQL (production); a script that has
 * been applied is never edited, only followed by a new version.
 */
public final class SchemaMigrator {

    public static final String HISTORY_TABLE = "schema_history";

    private SchemaMigrator() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load()
                .migrate();
    }
}
