package org.openvisit.database;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A regional store whose database is down while the application is deployed (issue 18): EclipseLink's log-in at the
 * deployment goes through with the stand-in connection (the real persistence unit, as the application server opens it
 * to validate it), nothing can be read or written through it, and once the application has started the data source
 * throws as any other; the global store never gets a stand-in.
 */
class RegionDownAtDeploymentTest {

    /** A PostgreSQL server that is not there (port 1 on this machine: nothing listens). */
    private static final String DOWN = "jdbc:postgresql://127.0.0.1:1/openvisit_apac?connectTimeout=2";

    @AfterEach
    void back() {
        RegionDownAtDeployment.reset();
    }

    private static JdbcUrlDataSource store(String store) {
        JdbcUrlDataSource ds = new JdbcUrlDataSource();
        ds.setUrl(DOWN);
        ds.setStore(store);
        ds.setUser("postgres");
        return ds;
    }

    @Test
    void theRegionalPersistenceUnitDeploysWhileItsDatabaseIsDownAndNothingGoesThroughIt() {
        EntityManagerFactory factory = Persistence.createEntityManagerFactory("openvisit-apac", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", store("apac")));
        try {
            EntityManager em = factory.createEntityManager(); // EclipseLink logs in here, as at a deployment
            assertThatThrownBy(() -> em.createQuery("select count(v) from Visit v").getSingleResult())
                    .hasStackTraceContaining("The apac regional store's database cannot be reached");
            em.close();
        } finally {
            factory.close();
        }
    }

    @Test
    void theStandInAnswersOnlyTheLogInAndThePoolsValidation() throws SQLException {
        try (Connection c = store("emea").getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.isValid(1)).isFalse();
            assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
            assertThatThrownBy(() -> c.prepareStatement("DELETE FROM visit")).isInstanceOf(SQLException.class);
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> c.getMetaData().getTables(null, null, "%", null)).isInstanceOf(SQLException.class);

            JdbcUrlDataSource.applicationStarted();
            assertThatThrownBy(c::getAutoCommit).as("the pool's validation fails after the start: it is discarded")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void afterTheStartOrForTheGlobalStoreADatabaseThatIsDownThrows() {
        assertThatThrownBy(() -> store("global").getConnection()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store(null).getConnection()).isInstanceOf(SQLException.class);
        JdbcUrlDataSource.applicationStarted();
        assertThatThrownBy(() -> store("apac").getConnection()).isInstanceOf(SQLException.class);
    }
}
