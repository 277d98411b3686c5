package org.openvisit.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.flywaydb.core.api.output.MigrateResult;
import org.openvisit.secrets.application.InstallationSecretService;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.application.AppointmentHasher;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Defines the four stores' data sources (issue 18: the global store and one per data region, each its own pool) and
 * migrates their schemas at start, before any other bean touches a database. The URLs, users and passwords come from
 * configuration ({@code openvisit.db.*} for the global store, from MicroProfile Config; {@code openvisit.db.<region>.*}
 * for a region, system properties or environment variables, which default to the global ones: see
 * {@link JdbcUrlDataSource#effectiveUrl} and {@link JdbcUrlDataSource#setStore} for what that means for H2 and
 * PostgreSQL), so H2 or PostgreSQL, one database or four, is a matter of configuration.
 * <p>
 * The global store must migrate, or the application does not start. (Every store must answer when the application is
 * deployed anyway: EclipseLink logs in to each persistence unit then.) A regional store whose migration fails (its
 * database went down meanwhile) does not stop the others: it is marked not ready, its organizations' launches are
 * refused, and its migration is tried again every minute until it succeeds. Nothing reads or writes a regional store
 * before {@link #isReady} says so. A regional migration that converts stored rows to keyed hashes (regional V12, the
 * SMS tables' appointment and control ids) is given the installation's appointment hash key, the visits' own; the one
 * that brings the revoked join links from the global store (regional V18) is given the global store's rows, and once
 * every region ran it the global table is dropped.
 * <p>
 * Each pool holds at most 16 connections and lets idle ones go after two minutes: a node needs 16 per store it uses
 * (its transactions are short and none is held while an EHR is called), and two nodes with one region in use then stay
 * at or under 64 connections, well inside PostgreSQL's default of 100. Four pools of 32 let two busy nodes reach 100
 * and refuse every other client.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // a slow retry of a down region must not hold up the others
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway commits its own transactions
@DataSourceDefinitions({
        @DataSourceDefinition(
                name = OpenVisitDatabase.JNDI_NAME,
                className = "org.openvisit.database.JdbcUrlDataSource",
                url = "${MPCONFIG=openvisit.db.url}",
                user = "${MPCONFIG=openvisit.db.user}",
                password = "${MPCONFIG=openvisit.db.password}",
                minPoolSize = 2,
                maxPoolSize = 16,
                maxIdleTime = 120,
                properties = {
                        "store=global",
                        "fish.payara.is-connection-validation-required=true",
                        "fish.payara.connection-validation-method=auto-commit",
                        "fish.payara.fail-all-connections=true",
                        "fish.payara.connection-creation-retry-attempts=3",
                        "fish.payara.connection-creation-retry-interval-in-seconds=2"
                }),
        @DataSourceDefinition(
                name = OpenVisitDatabase.JNDI_PREFIX + "americas",
                className = "org.openvisit.database.JdbcUrlDataSource",
                url = "${MPCONFIG=openvisit.db.url}", // or openvisit.db.americas.url: see JdbcUrlDataSource
                user = "${MPCONFIG=openvisit.db.user}",
                password = "${MPCONFIG=openvisit.db.password}",
                minPoolSize = 0,
                maxPoolSize = 16,
                maxIdleTime = 120,
                properties = {
                        "store=americas",
                        "fish.payara.is-connection-validation-required=true",
                        "fish.payara.connection-validation-method=auto-commit",
                        "fish.payara.fail-all-connections=true",
                        "fish.payara.connection-creation-retry-attempts=1",
                        "fish.payara.connection-creation-retry-interval-in-seconds=1",
                        "fish.payara.max-wait-time-in-millis=5000"
                }),
        @DataSourceDefinition(
                name = OpenVisitDatabase.JNDI_PREFIX + "emea",
                className = "org.openvisit.database.JdbcUrlDataSource",
                url = "${MPCONFIG=openvisit.db.url}", // or openvisit.db.emea.url: see JdbcUrlDataSource
                user = "${MPCONFIG=openvisit.db.user}",
                password = "${MPCONFIG=openvisit.db.password}",
                minPoolSize = 0,
                maxPoolSize = 16,
                maxIdleTime = 120,
                properties = {
                        "store=emea",
                        "fish.payara.is-connection-validation-required=true",
                        "fish.payara.connection-validation-method=auto-commit",
                        "fish.payara.fail-all-connections=true",
                        "fish.payara.connection-creation-retry-attempts=1",
                        "fish.payara.connection-creation-retry-interval-in-seconds=1",
                        "fish.payara.max-wait-time-in-millis=5000"
                }),
        @DataSourceDefinition(
                name = OpenVisitDatabase.JNDI_PREFIX + "apac",
                className = "org.openvisit.database.JdbcUrlDataSource",
                url = "${MPCONFIG=openvisit.db.url}", // or openvisit.db.apac.url: see JdbcUrlDataSource
                user = "${MPCONFIG=openvisit.db.user}",
                password = "${MPCONFIG=openvisit.db.password}",
                minPoolSize = 0,
                maxPoolSize = 16,
                maxIdleTime = 120,
                properties = {
                        "store=apac",
                        "fish.payara.is-connection-validation-required=true",
                        "fish.payara.connection-validation-method=auto-commit",
                        "fish.payara.fail-all-connections=true",
                        "fish.payara.connection-creation-retry-attempts=1",
                        "fish.payara.connection-creation-retry-interval-in-seconds=1",
                        "fish.payara.max-wait-time-in-millis=5000"
                })
})
public class OpenVisitDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/openvisit-global";
    public static final String JNDI_PREFIX = "java:app/jdbc/openvisit-";

    private static final Logger LOG = Logger.getLogger(OpenVisitDatabase.class.getName());

    @Resource(lookup = JNDI_NAME)
    private DataSource global;

    @Resource(lookup = JNDI_PREFIX + "americas")
    private DataSource americas;

    @Resource(lookup = JNDI_PREFIX + "emea")
    private DataSource emea;

    @Resource(lookup = JNDI_PREFIX + "apac")
    private DataSource apac;

    /** The appointment hash key, for a regional migration that converts stored rows ({@code V12__sms_keyed_hashes}). */
    @EJB
    private InstallationSecretService secrets;

    @Resource
    private jakarta.ejb.SessionContext context;

    /** The global store's revoked join links, for regional V18, and their table's drop. */
    @EJB
    private RevokedLinksLeavingGlobal leaving;

    private final Map<DataRegion, Boolean> ready = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean retrying = new java.util.concurrent.atomic.AtomicBoolean();
    /** The database settings warnings logged since the start (regions that share a database give the same one). */
    private final Set<String> settingsWarned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // a lifecycle callback takes no class-level attribute
    void migrate() {
        // deployed: from now on a regional store whose database is down is simply down (no stand-in connection)
        JdbcUrlDataSource.applicationStarted();
        log("global", SchemaMigrator.migrate(global));
        warnOfSettings(global);
        for (DataRegion region : DataRegion.values()) {
            ready.put(region, false);
        }
        migrateRegionsNow();
    }

    /**
     * Every minute, the regional stores not migrated yet. The timer's callback runs in a transaction on Payara (seen in
     * RegionalStoresIT: Flyway's commits were refused on the pool's connection, and a second store's connection could
     * not join), whatever its attribute says; so the work goes through this bean's own proxy to a method that runs
     * outside any transaction, as the migration at the start does.
     */
    @Schedule(minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void retryRegions() {
        context.getBusinessObject(OpenVisitDatabase.class).migrateRegionsNow();
    }

    /** Migrates every regional store not migrated yet; one that cannot be reached is tried again next time. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void migrateRegionsNow() {
        if (!retrying.compareAndSet(false, true)) {
            return;
        }
        try {
            migrateRegions();
        } finally {
            retrying.set(false);
        }
    }

    private void migrateRegions() {
        boolean allReadyBefore = readyRegions().size() == DataRegion.values().length;
        migrateEachRegion();
        if (!allReadyBefore && readyRegions().size() == DataRegion.values().length) {
            try { // every region took its revoked join links (regional V18): the global store keeps none
                leaving.drop();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "The global store''s revoked join links (moved to the regional stores) could "
                        + "not be dropped now; tried again at the next start: {0}", rootMessage(e));
            }
        }
    }

    private void migrateEachRegion() {
        for (DataRegion region : DataRegion.values()) {
            if (Boolean.TRUE.equals(ready.get(region))) {
                continue;
            }
            try {
                log(region.key(), SchemaMigrator.migrateRegional(dataSource(region),
                        () -> secrets.secret(AppointmentHasher.PURPOSE),
                        leaving::read));
                ready.put(region, true);
                warnOfSettings(dataSource(region));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The {0} regional store cannot be migrated now (its database is down or "
                        + "unreachable?); its organizations'' launches are refused until it can: {1}",
                        new Object[] {region, rootMessage(e)});
            }
        }
    }

    /** Whether the region's store was migrated since this node started: before that, nothing may touch it. */
    public boolean isReady(DataRegion region) {
        return Boolean.TRUE.equals(ready.get(region));
    }

    /** The regions whose stores are ready now. */
    public Set<DataRegion> readyRegions() {
        Set<DataRegion> regions = java.util.EnumSet.noneOf(DataRegion.class);
        ready.forEach((region, isReady) -> {
            if (isReady) {
                regions.add(region);
            }
        });
        return regions;
    }

    /** The region's data source, for health checks. */
    public DataSource dataSource(DataRegion region) {
        return switch (region) {
            case AMERICAS -> americas;
            case EMEA -> emea;
            case APAC -> apac;
        };
    }

    /**
     * Whether two regions' stores are one database (PostgreSQL without regional URLs keeps every store in the one
     * database): their connections report the same JDBC URL and user. A move between them would copy rows onto
     * themselves and then delete them.
     *
     * @throws SQLException a store cannot be reached
     */
    public boolean sameDatabase(DataRegion a, DataRegion b) throws SQLException {
        try (Connection one = dataSource(a).getConnection(); Connection two = dataSource(b).getConnection()) {
            return sameDatabase(one, two);
        }
    }

    /** Whether two connections reach one database: the same JDBC URL and user. */
    public static boolean sameDatabase(Connection one, Connection two) throws SQLException {
        return java.util.Objects.equals(one.getMetaData().getURL(), two.getMetaData().getURL())
                && java.util.Objects.equals(one.getMetaData().getUserName(), two.getMetaData().getUserName());
    }

    public DataSource globalDataSource() {
        return global;
    }

    /** Tells hospital IT, once per database, of a server setting that slows OpenVisit down (autovacuum off). */
    private void warnOfSettings(DataSource store) {
        try {
            DatabaseSettingsCheck.autovacuumWarning(store).filter(settingsWarned::add).ifPresent(LOG::warning);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "The database's settings could not be read", e);
        }
    }

    private static void log(String store, MigrateResult result) {
        LOG.info(() -> "Store " + store + ": schema at version " + (result.targetSchemaVersion == null
                ? result.initialSchemaVersion : result.targetSchemaVersion)
                + " (" + result.migrationsExecuted + " migration(s) applied now, database " + result.database + ")");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
