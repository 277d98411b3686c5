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
import org.openvisit.shared.domain.model.Language;
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
    void aResetRolesLanguageAndThePatientsLanguageAreStored() {
        UUID orgId = inTransaction(em -> {
            Organization o = Organization.register(new OrganizationName("People " + UUID.randomUUID()),
                    DataRegion.EMEA, EhrVendor.EPIC, Instant.now());
            o.speakToPatientsIn(Language.RUSSIAN);
            em.persist(o);
            return o.id();
        });
        String name = "reset." + UUID.randomUUID();
        inTransaction(em -> {
            new JpaAccountRepository(em).add(PortalAccount.member(new PortalUsername(name), null, orgId,
                    Set.of(Role.EHR_ANALYST), "PBKDF2WithHmacSHA512:1:aa:bb", Instant.now()));
            return null;
        });
        inTransaction(em -> {
            PortalAccount a = new JpaAccountRepository(em).findByUsername(new PortalUsername(name)).orElseThrow();
            assertThat(a.mustChangePassword()).isFalse();
            a.resetPassword("PBKDF2WithHmacSHA512:1:cc:dd");
            a.changeRoles(Set.of(Role.ORG_ADMIN));
            a.chooseLanguage(Language.SIMPLIFIED_CHINESE);
            return null;
        });
        inTransaction(em -> {
            PortalAccount a = new JpaAccountRepository(em).findByUsername(new PortalUsername(name)).orElseThrow();
            assertThat(a.mustChangePassword()).isTrue();
            assertThat(a.passwordHash()).isEqualTo("PBKDF2WithHmacSHA512:1:cc:dd");
            assertThat(a.roles()).containsExactly(Role.ORG_ADMIN);
            assertThat(a.language()).contains(Language.SIMPLIFIED_CHINESE);
            assertThat(em.find(Organization.class, orgId.toString()).patientLanguage())
                    .isEqualTo(Language.RUSSIAN);
            return null;
        });
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

    @Test
    void keepsTheSealedSecondFactorItsLastStepAndRecoveryCodesUntilTurnedOff() {
        String name = "totp-" + UUID.randomUUID();
        inTransaction(em -> {
            PortalAccount operator = PortalAccount.operator(new PortalUsername(name), null, "h", Instant.now());
            operator.enrolSecondFactor("c2VhbGVkIHNlY3JldA==", 1_000L, Set.of("a".repeat(64), "b".repeat(64)),
                    Instant.parse("2026-12-05T03:00:00Z"));
            new JpaAccountRepository(em).add(operator);
            return null;
        });
        PortalAccount stored = inTransaction(em -> new JpaAccountRepository(em).findByUsername(new PortalUsername(name))
                .orElseThrow());
        assertThat(stored.hasSecondFactor()).isTrue();
        assertThat(stored.sealedTotpSecret()).hasValue("c2VhbGVkIHNlY3JldA==");
        assertThat(stored.secondFactorSince()).hasValue(Instant.parse("2026-12-05T03:00:00Z"));
        assertThat(stored.recoveryCodesLeft()).isEqualTo(2);

        // a step used and a recovery code crossed out stay so in the database
        inTransaction(em -> {
            PortalAccount account = new JpaAccountRepository(em).findByUsername(new PortalUsername(name)).orElseThrow();
            assertThat(account.useTotpStep(1_000L)).as("the enrolment step again").isFalse();
            assertThat(account.useTotpStep(1_001L)).isTrue();
            assertThat(account.useRecoveryCode("a".repeat(64))).isTrue();
            return null;
        });
        inTransaction(em -> {
            PortalAccount account = new JpaAccountRepository(em).findByUsername(new PortalUsername(name)).orElseThrow();
            assertThat(account.useTotpStep(1_001L)).as("replayed after a reload").isFalse();
            assertThat(account.useRecoveryCode("a".repeat(64))).as("used once already").isFalse();
            assertThat(account.recoveryCodesLeft()).isEqualTo(1);
            account.removeSecondFactor();
            return null;
        });
        PortalAccount off = inTransaction(em -> new JpaAccountRepository(em).findByUsername(new PortalUsername(name))
                .orElseThrow());
        assertThat(off.hasSecondFactor()).isFalse();
        assertThat(off.recoveryCodesLeft()).isZero();
        long rows = inTransaction(em -> ((Number) em.createNativeQuery(
                "select count(*) from portal_account_recovery_code where account_id = ?")
                .setParameter(1, off.id().toString()).getSingleResult()).longValue());
        assertThat(rows).isZero();
    }

    @Test
    void twoSignInsThatUseTheSameStepAtOnceDoNotBothCommit() {
        String name = "race-" + UUID.randomUUID();
        inTransaction(em -> {
            PortalAccount operator = PortalAccount.operator(new PortalUsername(name), null, "h", Instant.now());
            operator.enrolSecondFactor("c2VhbGVk", 5L, Set.of(), Instant.now());
            new JpaAccountRepository(em).add(operator);
            return null;
        });
        EntityManager first = factory.createEntityManager();
        EntityManager second = factory.createEntityManager();
        try {
            first.getTransaction().begin();
            second.getTransaction().begin();
            PortalAccount a = new JpaAccountRepository(first).findByUsername(new PortalUsername(name)).orElseThrow();
            PortalAccount b = new JpaAccountRepository(second).findByUsername(new PortalUsername(name)).orElseThrow();
            assertThat(a.useTotpStep(6L)).isTrue();
            assertThat(b.useTotpStep(6L)).isTrue(); // each saw step 5 as the last one
            first.getTransaction().commit();
            assertThatThrownBy(() -> second.getTransaction().commit()).as("the version check refuses the replay")
                    .isInstanceOf(PersistenceException.class);
        } finally {
            if (second.getTransaction().isActive()) {
                second.getTransaction().rollback();
            }
            first.close();
            second.close();
        }
    }
}
