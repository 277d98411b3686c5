package org.openvisit.database;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

import java.util.Map;

/**
 * A throw-away database brought to the newest schema by the real migrations of the global and a regional store (one
 * database for both, as PostgreSQL's default), with a test unit of every entity opened on it outside a container
 * (resource-local transactions). The routing tests ({@code RegionalStoresTest}) open the real units on four.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final EntityManagerFactory factory;

    private MigratedDatabase(TestDatabase database, EntityManagerFactory factory) {
        this.database = database;
        this.factory = factory;
    }

    public static MigratedDatabase open(TestDatabase database) {
        SchemaMigrator.migrate(database.dataSource());
        SchemaMigrator.migrateRegional(database.dataSource()); // one database for every store
        return new MigratedDatabase(database, Persistence.createEntityManagerFactory("openvisit-all-test", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", database.dataSource())));
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            database.close();
        }
    }
}
