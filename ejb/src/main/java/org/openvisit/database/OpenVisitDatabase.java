package org.openvisit.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.flywaydb.core.api.output.MigrateResult;

import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Defines the application's data source and migrates its schema at start, before any other bean
 * touches the database. The URL, user and password come from MicroProfile Config
 * ({@code openvisit.db.*}, or the {@code OPENVISIT_DB_*} environment variables), so H2 or
 * PostgreSQL is a matter of configuration.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway commits its own transactions
@DataSourceDefinition(
        name = OpenVisitDatabase.JNDI_NAME,
        className = "org.openvisit.database.JdbcUrlDataSource",
        url = "${MPCONFIG=openvisit.db.url}",
        user = "${MPCONFIG=openvisit.db.user}",
        password = "${MPCONFIG=openvisit.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit",
                "fish.payara.fail-all-connections=true",
                "fish.payara.connection-creation-retry-attempts=3",
                "fish.payara.connection-creation-retry-interval-in-seconds=2"
        })
public class OpenVisitDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/openvisit";

    private static final Logger LOG = Logger.getLogger(OpenVisitDatabase.class.getName());

    @Resource(lookup = JNDI_NAME)
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = SchemaMigrator.migrate(dataSource);
        LOG.info(() -> "Database schema at version " + (result.targetSchemaVersion == null
                ? result.initialSchemaVersion : result.targetSchemaVersion)
                + " (" + result.migrationsExecuted + " migration(s) applied now, database "
                + result.database + ")");
    }
}
