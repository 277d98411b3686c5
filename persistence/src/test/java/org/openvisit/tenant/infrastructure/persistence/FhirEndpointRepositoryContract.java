package org.openvisit.tenant.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.SchemaMigrator;
import org.openvisit.database.TestDatabase;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.EhrVerification;
import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.EndpointDetails;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.EndpointStatusChange;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The V2 migration and the JPA endpoint repository, against a real database. Subclasses name the
 * database; the same assertions run on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FhirEndpointRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    private MigratedDatabase database;
    private EntityManagerFactory factory;
    private EntityManager em;
    private JpaFhirEndpointRepository repository;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void migrateAndOpen() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
    }

    @AfterAll
    void closeAndDrop() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void openEntityManager() {
        em = factory.createEntityManager();
        repository = new JpaFhirEndpointRepository(em);
    }

    @AfterEach
    void closeEntityManager() {
        if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
        }
        em.close();
    }

    private void inTransaction(Consumer<JpaFhirEndpointRepository> work) {
        em.getTransaction().begin();
        work.accept(repository);
        em.getTransaction().commit();
        em.clear();
    }

    private UUID organization() {
        Organization org = Organization.register(new OrganizationName("Hospital " + UUID.randomUUID()),
                DataRegion.AMERICAS, EhrVendor.EPIC, T0);
        em.getTransaction().begin();
        new JpaOrganizationRepository(em).add(org);
        em.getTransaction().commit();
        em.clear();
        return org.id();
    }

    private static Actor admin(UUID org) {
        return Actor.member("it.admin", org, Role.ORG_ADMIN);
    }

    private static Actor analyst(UUID org) {
        return Actor.member("ehr.analyst", org, Role.EHR_ANALYST);
    }

    private static FhirBaseUrl uniqueUrl() {
        return FhirBaseUrl.of("https://ehr-" + UUID.randomUUID() + ".example.org/interconnect/api/FHIR/R4",
                OutboundAddressPolicy.PRODUCTION);
    }

    private static FhirEndpoint endpoint(UUID org, FhirBaseUrl url, FhirEnvironment environment) {
        return FhirEndpoint.create(org, new EndpointDetails(url, environment, "Cardiology",
                new PortalUsername("ehr.analyst")), admin(org), T0);
    }

    private static FhirEndpoint approved(UUID org, FhirBaseUrl url, FhirEnvironment environment) {
        FhirEndpoint endpoint = endpoint(org, url, environment);
        endpoint.submitForApproval(admin(org), T0.plusSeconds(60));
        endpoint.recordEhrVerification(analyst(org), endpoint.signInFor("Practitioner/E1001"), T0.plusSeconds(120));
        endpoint.approve(analyst(org), T0.plusSeconds(180));
        return endpoint;
    }

    @Test
    void storesAnEndpointWithItsHistoryAndReadsItBack() {
        UUID org = organization();
        FhirEndpoint endpoint = approved(org, uniqueUrl(), FhirEnvironment.PRODUCTION);
        inTransaction(r -> r.add(endpoint));

        FhirEndpoint loaded = repository.find(endpoint.id()).orElseThrow();
        assertThat(loaded).isNotSameAs(endpoint);
        assertThat(loaded.organizationId()).isEqualTo(org);
        assertThat(loaded.baseUrl()).isEqualTo(endpoint.baseUrl());
        assertThat(loaded.environment()).isEqualTo(FhirEnvironment.PRODUCTION);
        assertThat(loaded.label()).contains("Cardiology");
        assertThat(loaded.approver()).isEqualTo(new PortalUsername("ehr.analyst"));
        assertThat(loaded.status()).isEqualTo(EndpointStatus.APPROVED);
        assertThat(loaded.isInService()).isTrue();
        assertThat(loaded.ehrVerification()).contains(new EhrVerification("Practitioner/E1001", T0.plusSeconds(120)));
        assertThat(loaded.createdAt()).isEqualTo(T0);
        assertThat(loaded.version()).isEqualTo(1L);

        List<EndpointStatusChange> history = loaded.history();
        assertThat(history).extracting(EndpointStatusChange::sequence).containsExactly(1, 2, 3, 4);
        assertThat(history).extracting(EndpointStatusChange::action).containsExactly(EndpointAction.CREATE,
                EndpointAction.SUBMIT, EndpointAction.RECORD_EHR_VERIFICATION, EndpointAction.APPROVE);
        assertThat(history).extracting(c -> c.from().orElse(null)).containsExactly(null, EndpointStatus.DRAFT,
                EndpointStatus.AWAITING_APPROVAL, EndpointStatus.EHR_VERIFIED);
        assertThat(history).extracting(EndpointStatusChange::to).containsExactly(EndpointStatus.DRAFT,
                EndpointStatus.AWAITING_APPROVAL, EndpointStatus.EHR_VERIFIED, EndpointStatus.APPROVED);
        assertThat(history).extracting(EndpointStatusChange::actor)
                .containsExactly("it.admin", "it.admin", "ehr.analyst", "ehr.analyst");
        assertThat(history).extracting(EndpointStatusChange::at)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
        assertThat(history.get(2).reason()).contains("Signed in to the EHR as Practitioner/E1001");
        assertThat(history).allSatisfy(c -> assertThat(c.endpoint().id()).isEqualTo(endpoint.id()));
    }

    @Test
    void laterChangesAppendRowsAndRaiseTheVersion() {
        UUID org = organization();
        FhirEndpoint endpoint = approved(org, uniqueUrl(), FhirEnvironment.TEST);
        inTransaction(r -> r.add(endpoint));

        em.getTransaction().begin();
        repository.find(endpoint.id()).orElseThrow().withdraw(admin(org), "Department closed", T0.plusSeconds(600));
        em.getTransaction().commit();
        em.clear();

        FhirEndpoint loaded = repository.find(endpoint.id()).orElseThrow();
        assertThat(loaded.status()).isEqualTo(EndpointStatus.WITHDRAWN);
        assertThat(loaded.ehrVerification()).isEmpty();
        assertThat(loaded.version()).isEqualTo(2L);
        assertThat(loaded.history()).hasSize(5);
        EndpointStatusChange last = loaded.lastChange();
        assertThat(last.sequence()).isEqualTo(5);
        assertThat(last.from()).contains(EndpointStatus.APPROVED);
        assertThat(last.to()).isEqualTo(EndpointStatus.WITHDRAWN);
        assertThat(last.actor()).isEqualTo("it.admin");
        assertThat(last.at()).isEqualTo(T0.plusSeconds(600));
        assertThat(last.reason()).contains("Department closed");
    }

    @Test
    void theDatabaseRefusesTheSameUrlTwiceInOneOrganizationAndEnvironment() {
        UUID org = organization();
        FhirBaseUrl url = uniqueUrl();
        inTransaction(r -> r.add(endpoint(org, url, FhirEnvironment.PRODUCTION)));

        em.getTransaction().begin();
        assertThatThrownBy(() -> repository.add(endpoint(org, url, FhirEnvironment.PRODUCTION)))
                .isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();

        // the same URL in the other environment, or in another organization, is fine
        inTransaction(r -> r.add(endpoint(org, url, FhirEnvironment.TEST)));
        UUID other = organization();
        inTransaction(r -> r.add(endpoint(other, url, FhirEnvironment.PRODUCTION)));
        assertThat(repository.countByOrganization(org)).isEqualTo(2);
        assertThat(repository.countByOrganization(other)).isEqualTo(1);
    }

    @Test
    void eachEndpointHasItsOwnLaunchKeyFoundByTheLaunchAndUniqueWithTheUrl() {
        UUID org = organization();
        FhirBaseUrl url = uniqueUrl();
        FhirEndpoint first = endpoint(org, url, FhirEnvironment.PRODUCTION);
        FhirEndpoint second = endpoint(org, url, FhirEnvironment.TEST);
        assertThat(first.launchKey()).hasSize(FhirEndpoint.LAUNCH_KEY_LENGTH).isNotEqualTo(second.launchKey());
        inTransaction(r -> r.add(first));
        inTransaction(r -> r.add(second));
        assertThat(repository.findByLaunchKey(first.launchKey())).extracting(FhirEndpoint::id).containsExactly(first.id());
        assertThat(repository.findByLaunchKey("no-such-key")).isEmpty();

        // the demo's key may name several endpoints, one per URL; the same key twice for one URL is refused
        FhirEndpoint elsewhere = endpoint(org, uniqueUrl(), FhirEnvironment.PRODUCTION);
        elsewhere.assignLaunchKey(first.launchKey());
        inTransaction(r -> r.add(elsewhere));
        assertThat(repository.findByLaunchKey(first.launchKey())).hasSize(2);
        FhirEndpoint clash = endpoint(organization(), url, FhirEnvironment.PRODUCTION);
        clash.assignLaunchKey(first.launchKey());
        em.getTransaction().begin();
        assertThatThrownBy(() -> repository.add(clash)).isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();
    }

    @Test
    void theDatabaseRefusesAnEndpointOfAnUnknownOrganization() {
        em.getTransaction().begin();
        assertThatThrownBy(() -> repository.add(endpoint(UUID.randomUUID(), uniqueUrl(), FhirEnvironment.TEST)))
                .isInstanceOf(PersistenceException.class);
    }

    @Test
    void checkConstraintsRefuseUnknownEnumValuesAndAVerifiedStatusWithoutASignIn() throws SQLException {
        UUID org = organization();
        String insert = "INSERT INTO fhir_endpoint (id, organization_id, base_url, environment, approver, status, "
                + "ehr_verified_at, ehr_user_id, created_at, version, launch_key) VALUES ('%1$s', '" + org + "', '%2$s', "
                + "'%3$s', 'a', '%4$s', %5$s, %6$s, CURRENT_TIMESTAMP, 1, '%1$s')";
        try (Connection c = database.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(String.format(insert, UUID.randomUUID(), uniqueUrl(), "TEST", "DRAFT",
                    "NULL", "NULL"))).isEqualTo(1);
            assertThatThrownBy(() -> s.executeUpdate(String.format(insert, UUID.randomUUID(), uniqueUrl(), "STAGING",
                    "DRAFT", "NULL", "NULL"))).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate(String.format(insert, UUID.randomUUID(), uniqueUrl(), "TEST",
                    "LIVE", "NULL", "NULL"))).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate(String.format(insert, UUID.randomUUID(), uniqueUrl(), "TEST",
                    "APPROVED", "NULL", "NULL"))).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate(String.format(insert, UUID.randomUUID(), uniqueUrl(), "TEST",
                    "DRAFT", "CURRENT_TIMESTAMP", "'Practitioner/1'"))).isInstanceOf(SQLException.class);
            assertThat(s.executeUpdate(String.format(insert, UUID.randomUUID(), uniqueUrl(), "TEST", "APPROVED",
                    "CURRENT_TIMESTAMP", "'Practitioner/1'"))).isEqualTo(1);
        }
    }

    @Test
    void aConcurrentChangeMakesTheSecondCommitFail() {
        UUID org = organization();
        FhirEndpoint endpoint = endpoint(org, uniqueUrl(), FhirEnvironment.PRODUCTION);
        endpoint.submitForApproval(admin(org), T0.plusSeconds(1));
        inTransaction(r -> r.add(endpoint));

        EntityManager first = factory.createEntityManager();
        EntityManager second = factory.createEntityManager();
        try {
            first.getTransaction().begin();
            second.getTransaction().begin();
            FhirEndpoint seenByAnalyst = new JpaFhirEndpointRepository(first).find(endpoint.id()).orElseThrow();
            FhirEndpoint seenByAdmin = new JpaFhirEndpointRepository(second).find(endpoint.id()).orElseThrow();

            seenByAnalyst.recordEhrVerification(analyst(org), seenByAnalyst.signInFor("Practitioner/E1001"), T0.plusSeconds(10));
            seenByAdmin.withdraw(admin(org), "Wrong server", T0.plusSeconds(11));

            first.getTransaction().commit();
            assertThatThrownBy(() -> second.getTransaction().commit())
                    .isInstanceOf(RollbackException.class)
                    .hasCauseInstanceOf(OptimisticLockException.class);
        } finally {
            if (second.getTransaction().isActive()) {
                second.getTransaction().rollback();
            }
            first.close();
            second.close();
        }

        FhirEndpoint stored = repository.find(endpoint.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
        assertThat(stored.version()).isEqualTo(2L);
        assertThat(stored.history()).extracting(EndpointStatusChange::action).containsExactly(
                EndpointAction.CREATE, EndpointAction.SUBMIT, EndpointAction.RECORD_EHR_VERIFICATION);
    }

    @Test
    void theLaunchLookupFindsOnlyApprovedEndpoints() {
        FhirBaseUrl url = uniqueUrl();
        UUID approvedOrg = organization();
        UUID waitingOrg = organization();
        UUID withdrawnOrg = organization();
        UUID rejectedOrg = organization();
        FhirEndpoint approvedProduction = approved(approvedOrg, url, FhirEnvironment.PRODUCTION);
        FhirEndpoint draftTest = endpoint(approvedOrg, url, FhirEnvironment.TEST);
        FhirEndpoint waiting = endpoint(waitingOrg, url, FhirEnvironment.PRODUCTION);
        waiting.submitForApproval(admin(waitingOrg), T0.plusSeconds(5));
        FhirEndpoint withdrawn = approved(withdrawnOrg, url, FhirEnvironment.PRODUCTION);
        withdrawn.withdraw(admin(withdrawnOrg), "Closed", T0.plusSeconds(500));
        FhirEndpoint rejected = endpoint(rejectedOrg, url, FhirEnvironment.PRODUCTION);
        rejected.submitForApproval(admin(rejectedOrg), T0.plusSeconds(5));
        rejected.reject(analyst(rejectedOrg), "Not ours", T0.plusSeconds(6));
        FhirEndpoint approvedElsewhere = approved(waitingOrg, uniqueUrl(), FhirEnvironment.PRODUCTION);
        inTransaction(r -> List.of(approvedProduction, draftTest, waiting, withdrawn, rejected, approvedElsewhere)
                .forEach(r::add));

        // the EHR may send iss in another spelling of the same URL
        FhirBaseUrl iss = FhirBaseUrl.of(url.value().toUpperCase().replace("/INTERCONNECT/API/FHIR/R4",
                "/interconnect/api/FHIR/R4/").replace("HTTPS://", "https://"), OutboundAddressPolicy.PRODUCTION);
        assertThat(repository.findApprovedByBaseUrl(iss)).extracting(FhirEndpoint::id)
                .containsExactly(approvedProduction.id());

        em.getTransaction().begin();
        repository.find(approvedProduction.id()).orElseThrow().withdraw(admin(approvedOrg), "Paused",
                T0.plusSeconds(900));
        em.getTransaction().commit();
        em.clear();
        assertThat(repository.findApprovedByBaseUrl(url)).isEmpty();
    }

    @Test
    void findsAnOrganizationsEndpointsInPagesAndByEnvironmentAndUrl() {
        UUID org = organization();
        FhirBaseUrl a = FhirBaseUrl.of("https://a-" + org + ".example.org/fhir", OutboundAddressPolicy.PRODUCTION);
        FhirBaseUrl b = FhirBaseUrl.of("https://b-" + org + ".example.org/fhir", OutboundAddressPolicy.PRODUCTION);
        FhirBaseUrl c = FhirBaseUrl.of("https://c-" + org + ".example.org/fhir", OutboundAddressPolicy.PRODUCTION);
        inTransaction(r -> List.of(endpoint(org, c, FhirEnvironment.TEST), endpoint(org, a, FhirEnvironment.TEST),
                endpoint(org, b, FhirEnvironment.PRODUCTION)).forEach(r::add));
        UUID other = organization();
        inTransaction(r -> r.add(endpoint(other, a, FhirEnvironment.TEST)));

        assertThat(repository.countByOrganization(org)).isEqualTo(3);
        assertThat(repository.findByOrganization(org, 0, 10)).extracting(FhirEndpoint::baseUrl)
                .containsExactly(a, b, c);
        assertThat(repository.findByOrganization(org, 1, 1)).extracting(FhirEndpoint::baseUrl).containsExactly(b);
        assertThat(repository.findByOrganization(org, 0, 10))
                .allSatisfy(e -> assertThat(e.organizationId()).isEqualTo(org));

        assertThat(repository.findByOrganizationEnvironmentAndUrl(org, FhirEnvironment.TEST, a))
                .hasValueSatisfying(e -> {
                    assertThat(e.organizationId()).isEqualTo(org);
                    assertThat(e.environment()).isEqualTo(FhirEnvironment.TEST);
                });
        assertThat(repository.findByOrganizationEnvironmentAndUrl(org, FhirEnvironment.PRODUCTION, a)).isEmpty();
        assertThat(repository.findByOrganizationEnvironmentAndUrl(UUID.randomUUID(), FhirEnvironment.TEST, a)).isEmpty();
    }

    @Test
    void unknownIdIsEmpty() {
        assertThat(repository.find(UUID.randomUUID())).isEmpty();
        assertThat(repository.countByOrganization(UUID.randomUUID())).isZero();
    }

    @Test
    void contextLinkKeysAreFoundByEndpointAndByKeyIdAndRetire() {
        UUID org = organization();
        FhirEndpoint endpoint = approved(org, uniqueUrl(), FhirEnvironment.PRODUCTION);
        inTransaction(r -> r.add(endpoint));
        String keyId = "ov-" + UUID.randomUUID();
        em.getTransaction().begin();
        new JpaContextLinkKeyRepository(em).add(new org.openvisit.tenant.domain.model.ContextLinkKey(endpoint.id(), keyId,
                "sealed-bytes", "it.admin", T0));
        em.getTransaction().commit();
        em.clear();

        JpaContextLinkKeyRepository keys = new JpaContextLinkKeyRepository(em);
        assertThat(keys.activeFor(endpoint.id())).hasValueSatisfying(k -> assertThat(k.keyId()).isEqualTo(keyId));
        assertThat(keys.findByKeyId(keyId)).hasValueSatisfying(k -> assertThat(k.sealedKey()).isEqualTo("sealed-bytes"));

        em.getTransaction().begin();
        keys.findByKeyId(keyId).orElseThrow().retire(T0.plusSeconds(5));
        em.getTransaction().commit();
        em.clear();
        assertThat(keys.activeFor(endpoint.id())).isEmpty();
        assertThat(keys.findByKeyId(keyId)).hasValueSatisfying(k -> assertThat(k.isActive()).isFalse());

        em.getTransaction().begin();
        assertThatThrownBy(() -> new JpaContextLinkKeyRepository(em).add(new org.openvisit.tenant.domain.model.ContextLinkKey(
                endpoint.id(), keyId, "again", "it.admin", T0))).isInstanceOf(jakarta.persistence.PersistenceException.class);
        em.getTransaction().rollback();
    }

    @Test
    void findsWhichOrganizationsUseEachUrlAndStoresTheSharedChoice() {
        UUID first = organization();
        UUID second = organization();
        FhirBaseUrl shared = uniqueUrl();
        FhirBaseUrl own = uniqueUrl();
        FhirBaseUrl unused = uniqueUrl();
        FhirEndpoint ofFirst = endpoint(first, shared, FhirEnvironment.PRODUCTION);
        FhirEndpoint firstTest = endpoint(first, shared, FhirEnvironment.TEST);
        FhirEndpoint ofSecond = FhirEndpoint.create(second, new EndpointDetails(shared, FhirEnvironment.PRODUCTION,
                null, new PortalUsername("ehr.analyst")), new org.openvisit.tenant.domain.model.EhrSharing(true, true),
                admin(second), T0);
        FhirEndpoint withdrawn = endpoint(second, own, FhirEnvironment.TEST);
        withdrawn.withdraw(admin(second), "closed", T0.plusSeconds(5));
        inTransaction(r -> {
            r.add(ofFirst);
            r.add(firstTest);
            r.add(ofSecond);
            r.add(withdrawn);
        });

        Map<FhirBaseUrl, java.util.Set<UUID>> using = repository.organizationsUsing(List.of(shared, own, unused));
        assertThat(using.get(shared)).containsExactlyInAnyOrder(first, second);
        assertThat(using.get(own)).as("any status counts").containsExactly(second);
        assertThat(using).doesNotContainKey(unused);
        assertThat(repository.organizationsUsing(List.of())).isEmpty();

        assertThat(repository.find(ofSecond.id()).orElseThrow().isSharedEhr()).isTrue();
        assertThat(repository.find(ofFirst.id()).orElseThrow().isSharedEhr()).isFalse();
    }

    @Test
    void aSignInBoundBeforeAnotherTransactionChangedTheEndpointIsDiscarded() {
        UUID org = organization();
        FhirEndpoint endpoint = endpoint(org, uniqueUrl(), FhirEnvironment.PRODUCTION);
        endpoint.submitForApproval(admin(org), T0.plusSeconds(1));
        inTransaction(r -> r.add(endpoint));
        org.openvisit.tenant.domain.model.EhrSignIn started =
                repository.find(endpoint.id()).orElseThrow().signInFor("Practitioner/E1");
        em.clear();

        // the admin edits the URL and puts it back while the approver is at the EHR: same URL, new version
        FhirBaseUrl other = uniqueUrl();
        inTransaction(r -> {
            FhirEndpoint loaded = r.find(endpoint.id()).orElseThrow();
            loaded.edit(new EndpointDetails(other, loaded.environment(), "Cardiology", loaded.approver()), admin(org),
                    T0.plusSeconds(2));
        });
        inTransaction(r -> {
            FhirEndpoint loaded = r.find(endpoint.id()).orElseThrow();
            loaded.edit(new EndpointDetails(FhirBaseUrl.of(started.fhirBaseUrl(), OutboundAddressPolicy.PRODUCTION),
                    loaded.environment(), "Cardiology", loaded.approver()), admin(org), T0.plusSeconds(3));
        });

        FhirEndpoint now = repository.find(endpoint.id()).orElseThrow();
        assertThat(now.baseUrl().value()).isEqualTo(started.fhirBaseUrl());
        assertThat(now.version()).isGreaterThan(started.endpointVersion());
        assertThatThrownBy(() -> now.recordEhrVerification(analyst(org), started, T0.plusSeconds(4)))
                .isInstanceOf(org.openvisit.tenant.domain.model.EndpointChangedDuringSignInException.class);
        assertThat(now.status()).isEqualTo(EndpointStatus.AWAITING_APPROVAL);
        now.recordEhrVerification(analyst(org), now.signInFor("Practitioner/E1"), T0.plusSeconds(5));
        assertThat(now.status()).isEqualTo(EndpointStatus.EHR_VERIFIED);
    }
}
