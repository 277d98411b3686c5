package org.openvisit.database;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

import java.util.Map;

/**
 * A throw-away database brought to the newest schema by the real migrations, with the application's
 * persistence unit opened on it outside a container (resource-local transactions).
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
        return new MigratedDatabase(database, Persistence.createEntityManagerFactory("openvisit", Map.of(
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
