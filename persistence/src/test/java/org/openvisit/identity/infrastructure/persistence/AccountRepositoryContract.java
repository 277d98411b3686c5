package org.openvisit.identity.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.identity.domain.model.PortalAccount;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts against a real database; subclasses name H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountRepositoryContract {

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
    void storesAMemberWithRolesAndFindsItIgnoringCase() {
        UUID org = inTransaction(em -> {
            Organization o = Organization.register(new OrganizationName("Accounts " + UUID.randomUUID()),
                    DataRegion.EMEA, EhrVendor.EPIC, Instant.now());
            em.persist(o);
            return o.id();
        });
        String name = "Analyst." + UUID.randomUUID();
        inTransaction(em -> {
            new JpaAccountRepository(em).add(PortalAccount.member(new PortalUsername(name), "An Analyst", org,
                    Set.of(Role.EHR_ANALYST, Role.REPORT_READER), "PBKDF2WithHmacSHA512:1:aa:bb", Instant.now()));
            return null;
        });

        PortalAccount found = inTransaction(em -> new JpaAccountRepository(em)
                .findByUsername(new PortalUsername(name.toUpperCase())).orElseThrow());
        assertThat(found.username().value()).isEqualTo(name);
        assertThat(found.organizationId()).isEqualTo(org);
        assertThat(found.roles()).containsExactlyInAnyOrder(Role.EHR_ANALYST, Role.REPORT_READER);
        assertThat(found.passwordHash()).isEqualTo("PBKDF2WithHmacSHA512:1:aa:bb");
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        String name = "op-" + UUID.randomUUID();
        inTransaction(em -> {
            new JpaAccountRepository(em).add(PortalAccount.operator(new PortalUsername(name), null, "h", Instant.now()));
            return null;
        });
        assertThatThrownBy(() -> inTransaction(em -> {
            new JpaAccountRepository(em).add(PortalAccount.operator(new PortalUsername(name.toUpperCase()), null, "h",
                    Instant.now()));
            return null;
        })).isInstanceOf(PersistenceException.class);
        long count = inTransaction(em -> new JpaAccountRepository(em).count());
        assertThat(count).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAccountCannotPointAtAMissingOrganization() {
        assertThatThrownBy(() -> inTransaction(em -> {
            new JpaAccountRepository(em).add(PortalAccount.member(new PortalUsername("ghost-" + UUID.randomUUID()), null,
                    UUID.randomUUID(), Set.of(Role.ORG_ADMIN), "h", Instant.now()));
            return null;
        })).isInstanceOf(PersistenceException.class);
    }

    @Test
    void listsAnOrganizationsAccountsByUsernameOnePageAtATime() {
        UUID org = inTransaction(em -> {
            Organization o = Organization.register(new OrganizationName("Listed " + UUID.randomUUID()),
                    DataRegion.APAC, EhrVendor.EPIC, Instant.now());
            em.persist(o);
            return o.id();
        });
        UUID other = inTransaction(em -> {
            Organization o = Organization.register(new OrganizationName("Unlisted " + UUID.randomUUID()),
                    DataRegion.APAC, EhrVendor.EPIC, Instant.now());
            em.persist(o);
            return o.id();
        });
        String suffix = UUID.randomUUID().toString();
        inTransaction(em -> {
            JpaAccountRepository accounts = new JpaAccountRepository(em);
            for (String name : new String[] {"Carol", "alice", "Bob"}) {
                accounts.add(PortalAccount.member(new PortalUsername(name + "-" + suffix), null, org,
                        Set.of(Role.EHR_ANALYST), "h", Instant.now()));
            }
            accounts.add(PortalAccount.member(new PortalUsername("dave-" + suffix), null, other,
                    Set.of(Role.ORG_ADMIN), "h", Instant.now()));
            return null;
        });

        long count = inTransaction(em -> new JpaAccountRepository(em).countByOrganization(org));
        java.util.List<PortalAccount> first = inTransaction(em -> new JpaAccountRepository(em).findByOrganization(org, 0, 2));
        java.util.List<PortalAccount> second = inTransaction(em -> new JpaAccountRepository(em).findByOrganization(org, 2, 2));
        java.util.List<PortalAccount> none = inTransaction(em -> new JpaAccountRepository(em)
                .findByOrganization(UUID.randomUUID(), 0, 10));
        assertThat(count).isEqualTo(3);
        assertThat(first).extracting(a -> a.username().value()).containsExactly("alice-" + suffix, "Bob-" + suffix);
        assertThat(second).extracting(a -> a.username().value()).containsExactly("Carol-" + suffix);
        assertThat(none).isEmpty();
    }
}
