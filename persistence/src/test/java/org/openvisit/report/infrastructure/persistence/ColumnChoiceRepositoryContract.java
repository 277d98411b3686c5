package org.openvisit.report.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.identity.domain.model.PortalAccount;
import org.openvisit.identity.infrastructure.persistence.JpaAccountRepository;
import org.openvisit.report.domain.model.ColumnChoice;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The global V41 migration: a portal account's column choices, stored, changed, and gone with the account. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ColumnChoiceRepositoryContract {

    private MigratedDatabase database;
    private EntityManagerFactory factory;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private <T> T inTransaction(java.util.function.Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Test
    void anAccountsChoicesAreKeptChangedAndDeletedWithTheAccount() {
        UUID org = inTransaction(em -> {
            Organization o = Organization.register(new OrganizationName("Columns " + UUID.randomUUID()),
                    DataRegion.EMEA, EhrVendor.EPIC, Instant.now());
            em.persist(o);
            return o.id();
        });
        UUID account = inTransaction(em -> {
            PortalAccount a = PortalAccount.member(new PortalUsername("reader." + UUID.randomUUID()), "A reader",
                    org, Set.of(Role.REPORT_READER), "PBKDF2WithHmacSHA512:1:aa:bb", Instant.now());
            new JpaAccountRepository(em).add(a);
            return a.id();
        });
        inTransaction(em -> {
            ColumnChoice c = ColumnChoice.of(account, Instant.now());
            c.choose("clinicians", false, Instant.now());
            c.choose("environment", true, Instant.now());
            new JpaColumnChoiceRepository(em).add(c);
            return null;
        });
        inTransaction(em -> {
            new JpaColumnChoiceRepository(em).find(account).orElseThrow().choose("clinicians", true, Instant.now());
            new JpaColumnChoiceRepository(em).find(account).orElseThrow().choose("quality", false, Instant.now());
            return null;
        });
        assertThat(this.<Map<String, Boolean>>inTransaction(em -> new JpaColumnChoiceRepository(em).find(account)
                .orElseThrow().choices()))
                .isEqualTo(Map.of("clinicians", true, "environment", true, "quality", false));
        assertThat(this.<Object>inTransaction(em -> new JpaColumnChoiceRepository(em).find(UUID.randomUUID())))
                .isEqualTo(java.util.Optional.empty());
        inTransaction(em -> em.createNativeQuery("DELETE FROM portal_account WHERE id = ?1")
                .setParameter(1, account.toString()).executeUpdate());
        assertThat(this.<Object>inTransaction(em -> new JpaColumnChoiceRepository(em).find(account)))
                .as("deleted with the account").isEqualTo(java.util.Optional.empty());
    }
}
