package org.openvisit.visit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
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
import org.openvisit.tenant.infrastructure.persistence.JpaFhirEndpointRepository;
import org.openvisit.tenant.infrastructure.persistence.JpaOrganizationRepository;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.CallRoute;
import org.openvisit.visit.domain.model.QualitySample;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitKeyKind;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The V7 migration and the call-quality repository against a real database: one aggregate row per
 * attendee per visit, updated in place. Subclasses name the database (H2, PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CallQualityRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    private MigratedDatabase database;
    private EntityManagerFactory factory;
    private Visit visit;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void migrateAndOpen() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
        EntityManager setup = factory.createEntityManager();
        Organization org = Organization.register(new OrganizationName("Hospital " + UUID.randomUUID()),
                DataRegion.EMEA, EhrVendor.EPIC, T0);
        Actor admin = Actor.member("it.admin", org.id(), Role.ORG_ADMIN);
        FhirEndpoint ep = FhirEndpoint.create(org.id(), new EndpointDetails(
                FhirBaseUrl.of("https://ehr-" + UUID.randomUUID() + ".example.org/FHIR/R4", OutboundAddressPolicy.PRODUCTION),
                FhirEnvironment.PRODUCTION, "Cardiology", new PortalUsername("ehr.analyst")), admin, T0);
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        visit = Visit.schedule(ep.id(), org.id(), org.dataRegion(), VisitKeyKind.APPOINTMENT, new AppointmentHash(HexFormat.of().formatHex(b)),
                null, T0);
        setup.getTransaction().begin();
        new JpaOrganizationRepository(setup).add(org);
        new JpaFhirEndpointRepository(setup).add(ep);
        new JpaVisitRepository(setup).add(visit);
        setup.getTransaction().commit();
        setup.close();
    }

    @AfterAll
    void closeAndDrop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void keepsOneAggregatePerAttendeeUpdatedWithEachReport() {
        EntityManager em = factory.createEntityManager();
        JpaCallQualityRepository repo = new JpaCallQualityRepository(em);
        em.getTransaction().begin();
        repo.add(CallQuality.start(visit, "att-1", AttendeeRole.PATIENT,
                new QualitySample(40.0, 5.0, 0.0, 30.0, 900.0), T0));
        em.getTransaction().commit();
        em.clear();

        em.getTransaction().begin();
        CallQuality q = repo.find(visit.id(), "att-1").orElseThrow();
        q.add(new QualitySample(80.0, 15.0, 4.0, null, 500.0, CallRoute.RELAYED), T0.plusSeconds(5));
        em.getTransaction().commit();
        em.clear();

        CallQuality loaded = repo.find(visit.id(), "att-1").orElseThrow();
        assertThat(loaded.samples()).isEqualTo(2);
        assertThat(loaded.relayedSamples()).as("the second report came through the TURN relay").isEqualTo(1);
        assertThat(loaded.attendeeRole()).isEqualTo(AttendeeRole.PATIENT);
        assertThat(loaded.organizationId()).isEqualTo(visit.organizationId());
        assertThat(loaded.rtt().mean()).isCloseTo(60.0, within(0.001));
        assertThat(loaded.rtt().max()).isCloseTo(80.0, within(0.001));
        assertThat(loaded.jitter().mean()).isCloseTo(10.0, within(0.001));
        assertThat(loaded.loss().max()).isCloseTo(4.0, within(0.001));
        assertThat(loaded.fps().count()).isEqualTo(1);
        assertThat(loaded.fps().mean()).isCloseTo(30.0, within(0.001));
        assertThat(loaded.bitrate().mean()).isCloseTo(700.0, within(0.001));
        assertThat(loaded.firstAt()).isEqualTo(T0);
        assertThat(loaded.lastAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(repo.find(visit.id(), "att-other")).isEmpty();
        em.close();
    }

    @Test
    void theDatabaseRefusesASecondAggregateForTheSameAttendee() {
        EntityManager em = factory.createEntityManager();
        JpaCallQualityRepository repo = new JpaCallQualityRepository(em);
        em.getTransaction().begin();
        repo.add(CallQuality.start(visit, "att-2", AttendeeRole.PROVIDER, new QualitySample(1.0, null, null, null, null), T0));
        repo.add(CallQuality.start(visit, "att-3", AttendeeRole.GUEST, new QualitySample(null, null, null, 24.0, null),
                T0.plusSeconds(1)));
        em.getTransaction().commit();
        em.clear();

        em.getTransaction().begin();
        assertThatThrownBy(() -> repo.add(CallQuality.start(visit, "att-2", AttendeeRole.PROVIDER,
                new QualitySample(2.0, null, null, null, null), T0))).isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();

        assertThat(repo.ofVisit(visit.id())).extracting(CallQuality::attendeeId).contains("att-2", "att-3");
        assertThat(repo.find(visit.id(), "att-2").orElseThrow().jitter().mean()).isNull();
        em.close();
    }
}
