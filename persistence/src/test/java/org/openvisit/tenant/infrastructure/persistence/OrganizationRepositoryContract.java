package org.openvisit.tenant.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.SchemaMigrator;
import org.openvisit.database.TestDatabase;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migrations and the JPA repository, against a real database. Subclasses name the database;
 * the same assertions run on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrganizationRepositoryContract {

    private TestDatabase database;
    private MigratedDatabase migrated;
    private EntityManagerFactory factory;
    private EntityManager em;
    private JpaOrganizationRepository repository;
    private MigrateResult firstMigration;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void migrateAndOpen() {
        database = createDatabase();
        firstMigration = SchemaMigrator.migrate(database.dataSource());
        migrated = MigratedDatabase.open(database);
        factory = migrated.factory();
    }

    @AfterAll
    void closeAndDrop() {
        if (migrated != null) {
            migrated.close();
        }
    }

    @BeforeEach
    void openEntityManager() {
        em = factory.createEntityManager();
        repository = new JpaOrganizationRepository(em);
    }

    @AfterEach
    void closeEntityManager() {
        if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
        }
        em.close();
    }

    private void inTransaction(Consumer<JpaOrganizationRepository> work) {
        em.getTransaction().begin();
        work.accept(repository);
        em.getTransaction().commit();
        em.clear();
    }

    private static Organization organization(String name) {
        return Organization.register(new OrganizationName(name), DataRegion.AMERICAS, EhrVendor.EPIC,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void migrationsApplyOnceAndAreRecorded() throws Exception {
        assertThat(firstMigration.success).isTrue();
        assertThat(firstMigration.migrationsExecuted).isGreaterThanOrEqualTo(1);

        MigrateResult again = SchemaMigrator.migrate(database.dataSource());
        assertThat(again.migrationsExecuted).isZero();

        try (Connection c = database.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from \"" + SchemaMigrator.HISTORY_TABLE + "\" where \"success\" = true and \"version\" is not null")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(firstMigration.migrationsExecuted);
        }
    }

    @Test
    void findsTheOrganizationsOfARegionThatKeepTheirVisitsForLess() {
        Organization shorter = organization("Short Keep " + UUID.randomUUID());
        shorter.keepVisitsFor(30, java.util.Optional.of(400));
        Organization usual = organization("Usual Keep " + UUID.randomUUID());
        Organization elsewhere = Organization.register(new OrganizationName("Far Keep " + UUID.randomUUID()),
                DataRegion.APAC, EhrVendor.EPIC, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        elsewhere.keepVisitsFor(10, java.util.Optional.of(400));
        inTransaction(r -> {
            r.add(shorter);
            r.add(usual);
            r.add(elsewhere);
        });

        assertThat(repository.withVisitRetention(DataRegion.AMERICAS)).extracting(Organization::id)
                .contains(shorter.id()).doesNotContain(usual.id(), elsewhere.id());
        assertThat(repository.find(shorter.id()).orElseThrow().visitRetentionDays()).contains(30);
        assertThat(repository.withVisitRetention(DataRegion.APAC)).extracting(Organization::id).contains(elsewhere.id());
    }

    @Test
    void storesAndReadsBackAnOrganization() {
        Organization org = organization("Lakeside Clinic " + UUID.randomUUID());
        inTransaction(r -> r.add(org));

        Organization loaded = repository.find(org.id()).orElseThrow();
        assertThat(loaded.name()).isEqualTo(org.name());
        assertThat(loaded.dataRegion()).isEqualTo(DataRegion.AMERICAS);
        assertThat(loaded.ehrVendor()).isEqualTo(EhrVendor.EPIC);
        assertThat(loaded.createdAt()).isEqualTo(org.createdAt());
        assertThat(loaded.version()).isEqualTo(1L);
        assertThat(repository.findByName(new OrganizationName(org.name().value().toUpperCase()))).isPresent();
    }

    @Test
    void theDatabaseRefusesTwoOrganizationsWithTheSameNameInAnyCase() {
        String name = "Twin Hospital " + UUID.randomUUID();
        inTransaction(r -> r.add(organization(name)));

        em.getTransaction().begin();
        // add() flushes, so the clash surfaces inside the caller's method, not only at commit
        assertThatThrownBy(() -> repository.add(organization(name.toUpperCase())))
                .isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();
        assertThat(repository.findByName(new OrganizationName(name))).isPresent();
    }

    @Test
    void listsPagesInNameOrder() {
        String prefix = "zz-page-" + UUID.randomUUID() + "-";
        inTransaction(r -> List.of("c", "a", "b").forEach(n -> r.add(organization(prefix + n))));

        long total = repository.count();
        List<String> names = repository.list(0, (int) total).stream().map(o -> o.name().value())
                .filter(n -> n.startsWith(prefix)).toList();
        assertThat(names).containsExactly(prefix + "a", prefix + "b", prefix + "c");
        assertThat(repository.list(0, 2)).hasSize(2);
    }

    @Test
    void unknownIdIsEmpty() {
        assertThat(repository.find(UUID.randomUUID())).isEmpty();
    }
}
