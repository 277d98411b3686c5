package org.openvisit.notify.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.notify.domain.model.FeedSource;
import org.openvisit.notify.domain.model.SmsFhirFeed;
import org.openvisit.notify.domain.model.SmsFhirSubscription;
import org.openvisit.notify.domain.model.SubscriptionState;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.EndpointDetails;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FHIR Subscription table (global V49) and its repository against a real database; subclasses name H2 or
 * PostgreSQL: kept with a hash of the secret only, found by its hook id (and nothing found by an unknown, empty or
 * over-long one), claimed once until the lease runs out, the event count kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SmsFhirSubscriptionRepositoryContract {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private MigratedDatabase database;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = MigratedDatabase.open(createDatabase());
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = database.factory().createEntityManager();
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

    /** A polled endpoint whose subscription to {@code topic} is wanted (due at T0). */
    private UUID subscribed(String topic) {
        return inTransaction(em -> {
            Organization o = Organization.register(new OrganizationName("FHIR sub " + UUID.randomUUID()),
                    DataRegion.EMEA, EhrVendor.EPIC, T0);
            em.persist(o);
            em.flush();
            Actor admin = Actor.member("it.admin", o.id(), Role.ORG_ADMIN);
            FhirEndpoint e = FhirEndpoint.create(o.id(), new EndpointDetails(FhirBaseUrl.of("https://ehr-"
                    + UUID.randomUUID() + ".example.org/fhir", OutboundAddressPolicy.PRODUCTION), FhirEnvironment.TEST,
                    "Clinic", new PortalUsername("ehr.analyst")), admin, T0);
            em.persist(e);
            em.flush();
            SmsFhirFeed feed = new SmsFhirFeed(o.id(), e.id(), "it.admin", T0);
            feed.choose(FeedSource.FHIR_POLLING, 5, 14, "it.admin", T0);
            new JpaSmsFhirFeedRepository(em).add(feed);
            SmsFhirSubscription s = new SmsFhirSubscription(o.id(), e.id(), T0);
            s.want(topic, T0);
            new JpaSmsFhirSubscriptionRepository(em).add(s);
            return e.id();
        });
    }

    private List<UUID> claim(Instant now) {
        return inTransaction(em -> new JpaSmsFhirSubscriptionRepository(em).claimDue(now, LEASE, 1000));
    }

    private Optional<SmsFhirSubscription> byHook(String hook) {
        return inTransaction(em -> new JpaSmsFhirSubscriptionRepository(em).byHook(hook));
    }

    private SmsFhirSubscription read(UUID endpoint) {
        return inTransaction(em -> new JpaSmsFhirSubscriptionRepository(em).find(endpoint).orElseThrow());
    }

    @Test
    void aWantedSubscriptionIsClaimedOnceUntilItsLeaseRunsOut() {
        UUID endpoint = subscribed("https://ehr.example.org/topics/appointment");
        UUID off = subscribed(null);
        Instant now = T0.plusSeconds(1);
        assertThat(claim(now)).contains(endpoint).doesNotContain(off);
        assertThat(claim(now.plusSeconds(1))).doesNotContain(endpoint);
        assertThat(claim(now.plus(LEASE).plusSeconds(1))).contains(endpoint);
    }

    @Test
    void theSecretIsKeptOnlyAsAHashAndTheHookFindsTheRow() {
        UUID endpoint = subscribed("https://ehr.example.org/topics/appointment");
        String hook = UUID.randomUUID().toString();
        inTransaction(em -> {
            SmsFhirSubscription s = new JpaSmsFhirSubscriptionRepository(em).find(endpoint).orElseThrow();
            s.prepare(hook, "the-secret-value");
            s.created("sub-1", T0.plus(Duration.ofDays(7)), T0, T0.plusSeconds(60));
            return null;
        });
        SmsFhirSubscription s = inTransaction(em -> new JpaSmsFhirSubscriptionRepository(em).byHook(hook)
                .orElseThrow());
        assertThat(s.endpointId()).isEqualTo(endpoint);
        assertThat(s.state()).isEqualTo(SubscriptionState.REQUESTED);
        assertThat(s.secretMatches("the-secret-value")).isTrue();
        assertThat(s.secretMatches("the-secret-valuf")).isFalse();
        String stored = inTransaction(em -> em.createNativeQuery("SELECT secret_hash FROM sms_fhir_subscription "
                + "WHERE endpoint_id = ?1").setParameter(1, endpoint.toString()).getSingleResult().toString());
        assertThat(stored).hasSize(64).doesNotContain("secret");
        assertThat(byHook(UUID.randomUUID().toString())).isEmpty();
        assertThat(byHook("")).isEmpty();
        assertThat(byHook(hook + hook)).isEmpty();
    }

    @Test
    void eventNumbersAndAGapAreKept() {
        UUID endpoint = subscribed("https://ehr.example.org/topics/appointment");
        inTransaction(em -> {
            SmsFhirSubscription s = new JpaSmsFhirSubscriptionRepository(em).find(endpoint).orElseThrow();
            s.prepare(UUID.randomUUID().toString(), "s");
            s.created("sub-2", T0.plus(Duration.ofDays(7)), T0, T0);
            assertThat(s.notified(1, List.of(1L), T0)).isFalse();
            assertThat(s.notified(4, List.of(4L), T0)).isTrue();
            return null;
        });
        SmsFhirSubscription s = read(endpoint);
        assertThat(s.eventsSeen()).isEqualTo(4);
        assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(s.lastContactAt()).isPresent();
        List<SmsFhirSubscription> ofOrganization = inTransaction(em -> new JpaSmsFhirSubscriptionRepository(em)
                .ofOrganization(s.organizationId()));
        assertThat(ofOrganization).extracting(SmsFhirSubscription::endpointId).containsExactly(endpoint);
    }
}
