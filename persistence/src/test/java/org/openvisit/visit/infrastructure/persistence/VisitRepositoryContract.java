package org.openvisit.visit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.launch.domain.model.ContextLinkUse;
import org.openvisit.launch.domain.model.LaunchAuditEntry;
import org.openvisit.launch.domain.model.LaunchOutcome;
import org.openvisit.launch.infrastructure.persistence.JpaContextLinkUseRepository;
import org.openvisit.launch.infrastructure.persistence.JpaLaunchAuditRepository;
import org.openvisit.secrets.domain.model.InstallationSecret;
import org.openvisit.secrets.infrastructure.persistence.JpaInstallationSecretRepository;
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
import org.openvisit.visit.domain.model.MeetingRef;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.domain.model.VisitStatus;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The V5 migration and the visit, launch audit and installation secret repositories, against a real
 * database. Subclasses name the database; the same assertions run on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VisitRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

    private MigratedDatabase database;
    private EntityManagerFactory factory;
    private EntityManager em;
    private JpaVisitRepository visits;
    private UUID organization;
    private UUID endpoint;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void migrateAndOpen() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
        EntityManager setup = factory.createEntityManager();
        Organization org = Organization.register(new OrganizationName("Hospital " + UUID.randomUUID()),
                DataRegion.AMERICAS, EhrVendor.EPIC, T0);
        Actor admin = Actor.member("it.admin", org.id(), Role.ORG_ADMIN);
        FhirEndpoint ep = FhirEndpoint.create(org.id(), new EndpointDetails(
                FhirBaseUrl.of("https://ehr-" + UUID.randomUUID() + ".example.org/FHIR/R4", OutboundAddressPolicy.PRODUCTION),
                FhirEnvironment.PRODUCTION, "Cardiology", new PortalUsername("ehr.analyst")), admin, T0);
        setup.getTransaction().begin();
        new JpaOrganizationRepository(setup).add(org);
        new JpaFhirEndpointRepository(setup).add(ep);
        setup.getTransaction().commit();
        setup.close();
        organization = org.id();
        endpoint = ep.id();
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
        visits = new JpaVisitRepository(em);
    }

    @AfterEach
    void closeEntityManager() {
        if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
        }
        em.close();
    }

    private void inTransaction(Consumer<JpaVisitRepository> work) {
        em.getTransaction().begin();
        work.accept(visits);
        em.getTransaction().commit();
        em.clear();
    }

    private static AppointmentHash randomHash() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return new AppointmentHash(HexFormat.of().formatHex(b));
    }

    private Visit visit(AppointmentHash hash) {
        return Visit.schedule(endpoint, organization, org.openvisit.tenant.domain.model.DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT, hash, "Location/cardiology", T0);
    }

    @Test
    void storesAVisitAndFindsItByEndpointAndHash() {
        AppointmentHash hash = randomHash();
        Visit visit = visit(hash);
        inTransaction(r -> r.add(visit));

        Visit loaded = visits.findByKey(endpoint, hash).orElseThrow();
        assertThat(loaded.id()).isEqualTo(visit.id());
        assertThat(loaded.organizationId()).isEqualTo(organization);
        assertThat(loaded.keyKind()).isEqualTo(VisitKeyKind.APPOINTMENT);
        assertThat(loaded.departmentId()).contains("Location/cardiology");
        assertThat(loaded.status()).isEqualTo(VisitStatus.SCHEDULED);
        assertThat(loaded.createdAt()).isEqualTo(T0);
        assertThat(loaded.version()).isEqualTo(1L);
        assertThat(visits.findByKey(endpoint, randomHash())).isEmpty();
        assertThat(visits.find(visit.id())).isPresent();
    }

    @Test
    void theDatabaseRefusesASecondVisitForTheSameEndpointAndAppointment() {
        AppointmentHash hash = randomHash();
        inTransaction(r -> r.add(visit(hash)));

        em.getTransaction().begin();
        assertThatThrownBy(() -> visits.add(visit(hash))).isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();
        assertThat(visits.findByKey(endpoint, hash)).isPresent();
    }

    @Test
    void keepsTheMeetingAndTheStatusTransitions() {
        Visit visit = visit(randomHash());
        inTransaction(r -> r.add(visit));

        em.getTransaction().begin();
        Visit v = visits.find(visit.id()).orElseThrow();
        v.attachMeeting(new MeetingRef("builtin-rooms", "room-" + v.id()));
        v.start(T0.plusSeconds(60));
        em.getTransaction().commit();
        em.clear();

        Visit loaded = visits.find(visit.id()).orElseThrow();
        assertThat(loaded.meeting()).contains(new MeetingRef("builtin-rooms", "room-" + visit.id()));
        assertThat(loaded.status()).isEqualTo(VisitStatus.IN_PROGRESS);
        assertThat(loaded.startedAt()).contains(T0.plusSeconds(60));
        assertThat(loaded.version()).isEqualTo(2L);

        em.getTransaction().begin();
        visits.find(visit.id()).orElseThrow().end(T0.plusSeconds(600));
        em.getTransaction().commit();
        em.clear();
        assertThat(visits.find(visit.id()).orElseThrow().endedAt()).contains(T0.plusSeconds(600));
    }

    @Test
    void oneParticipantRowPerVisitAndEhrUser() {
        Visit visit = visit(randomHash());
        inTransaction(r -> {
            r.add(visit);
            r.addParticipant(visit.participant("Practitioner/E1001", ParticipantRole.PROVIDER, T0));
        });

        em.getTransaction().begin();
        assertThatThrownBy(() -> visits.addParticipant(visit.participant("Practitioner/E1001", ParticipantRole.PROVIDER,
                T0.plusSeconds(5)))).isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();

        inTransaction(r -> r.addParticipant(visit.participant("Practitioner/N2002", ParticipantRole.STAFF,
                T0.plusSeconds(10))));
        assertThat(visits.participants(visit.id())).extracting(p -> p.ehrUserId())
                .containsExactly("Practitioner/E1001", "Practitioner/N2002");
        assertThat(visits.hasParticipant(visit.id(), "Practitioner/N2002")).isTrue();
        assertThat(visits.hasParticipant(visit.id(), "Practitioner/X")).isFalse();
    }

    @Test
    void eventsAreNumberedInTheVisitsOrderAndMoveItsStatus() {
        Visit visit = visit(randomHash());
        inTransaction(r -> r.add(visit));

        em.getTransaction().begin();
        Visit locked = visits.findForUpdate(visit.id()).orElseThrow();
        visits.addEvent(locked.recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "a-1", null, T0));
        visits.addEvent(locked.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c-1", null,
                T0.plusSeconds(5)));
        locked.rememberEhrContext("sealed-context");
        em.getTransaction().commit();
        em.clear();

        em.getTransaction().begin();
        Visit again = visits.findForUpdate(visit.id()).orElseThrow();
        visits.addEvent(again.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, "c-1", null,
                T0.plusSeconds(60)));
        em.getTransaction().commit();
        em.clear();

        assertThat(visits.events(visit.id())).extracting(e -> e.sequence() + ":" + e.type())
                .containsExactly("1:LOBBY_JOINED", "2:CONNECTED", "3:VISIT_ENDED");
        Visit loaded = visits.find(visit.id()).orElseThrow();
        assertThat(loaded.status()).isEqualTo(VisitStatus.ENDED);
        assertThat(loaded.startedAt()).contains(T0.plusSeconds(5));
        assertThat(loaded.eventCount()).isEqualTo(3);
        assertThat(loaded.sealedEhrContext()).contains("sealed-context");
    }

    @Test
    void aVisitStartedAgainIsStoredWithItsEventAndPassesTheTablesChecks() {
        Visit started = visit(randomHash());
        Visit neverStarted = visit(randomHash());
        inTransaction(r -> {
            r.add(started);
            r.add(neverStarted);
        });
        inTransaction(r -> {
            Visit v = r.findForUpdate(started.id()).orElseThrow();
            r.addEvent(v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c-1", null, T0));
            r.addEvent(v.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, "c-1", null, T0.plusSeconds(60)));
            Visit w = r.findForUpdate(neverStarted.id()).orElseThrow();
            r.addEvent(w.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, "c-1", null, T0.plusSeconds(60)));
        });
        inTransaction(r -> {
            Visit v = r.findForUpdate(started.id()).orElseThrow();
            r.addEvent(v.recordEvent(VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, null, null, T0.plusSeconds(600)));
            Visit w = r.findForUpdate(neverStarted.id()).orElseThrow();
            r.addEvent(w.recordEvent(VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, null, null, T0.plusSeconds(600)));
        });
        assertThat(visits.events(started.id())).extracting(e -> e.sequence() + ":" + e.type())
                .containsExactly("1:CONNECTED", "2:VISIT_ENDED", "3:VISIT_RESTARTED");
        Visit loaded = visits.find(started.id()).orElseThrow();
        assertThat(loaded.status()).isEqualTo(VisitStatus.IN_PROGRESS);
        assertThat(loaded.endedAt()).isEmpty();
        assertThat(visits.find(neverStarted.id()).orElseThrow().status()).isEqualTo(VisitStatus.SCHEDULED);
    }

    @Test
    void theDatabaseRefusesTwoEventsWithOneNumber() {
        Visit visit = visit(randomHash());
        inTransaction(r -> r.add(visit));
        Visit stale = visits.find(visit.id()).orElseThrow();
        em.clear();
        inTransaction(r -> r.addEvent(r.find(visit.id()).orElseThrow()
                .recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "a-1", null, T0)));

        em.getTransaction().begin();
        // a copy of the visit read before the first event numbers its event 1 again
        assertThatThrownBy(() -> visits.addEvent(stale.recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.GUEST,
                "a-2", null, T0))).isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();
        assertThat(visits.events(visit.id())).hasSize(1);
    }

    @Test
    void aContextLinkIsUsedOnceAndForgottenAfterItExpires() {
        JpaContextLinkUseRepository uses = new JpaContextLinkUseRepository(em);
        String digest = HexFormat.of().formatHex(randomHash().value().getBytes(), 0, 32);
        em.getTransaction().begin();
        uses.add(new ContextLinkUse(digest, endpoint, T0.plusSeconds(300)));
        em.getTransaction().commit();
        em.clear();

        em.getTransaction().begin();
        assertThatThrownBy(() -> uses.add(new ContextLinkUse(digest, endpoint, T0.plusSeconds(300))))
                .isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();

        em.getTransaction().begin();
        assertThat(uses.forgetExpired(T0.plusSeconds(299))).isZero();
        assertThat(uses.forgetExpired(T0.plusSeconds(301))).isGreaterThanOrEqualTo(1);
        em.getTransaction().commit();
        em.clear();
        assertThat(em.find(ContextLinkUse.class, digest)).isNull();
    }

    @Test
    void theVisitRowHoldsTheHashOnly() throws Exception {
        AppointmentHash hash = randomHash();
        Visit visit = visit(hash);
        inTransaction(r -> r.add(visit));
        try (Connection c = database.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select appointment_hash, key_kind from visit where id = '" + visit.id() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(hash.value());
            assertThat(rs.getString(2)).isEqualTo("APPOINTMENT");
        }
    }

    @Test
    void auditRowsAreWrittenAndListedNewestFirst() {
        JpaLaunchAuditRepository audit = new JpaLaunchAuditRepository(em);
        UUID visitId = UUID.randomUUID();
        em.getTransaction().begin();
        audit.add(LaunchAuditEntry.refused(T0, "https://unknown.example.org/fhir\nforged", null, null, null,
                "UNKNOWN_ISSUER", "No approved endpoint has this FHIR base URL."));
        audit.add(LaunchAuditEntry.accepted(T0.plusSeconds(1), "https://ehr.example.org/FHIR/R4", endpoint,
                organization, "Practitioner/E1001", visitId, "OK", "Visit opened."));
        audit.add(LaunchAuditEntry.refused(T0.plusSeconds(2), "x".repeat(2000), endpoint, organization, null,
                "STATE_REUSED", "The sign-in state was used already."));
        em.getTransaction().commit();
        em.clear();

        var ofOrg = audit.ofOrganization(organization, 0, 10);
        assertThat(ofOrg).extracting(LaunchAuditEntry::reasonCode).containsExactly("STATE_REUSED", "OK");
        assertThat(ofOrg.get(0).issuer().orElseThrow()).hasSize(LaunchAuditEntry.MAX_ISSUER_LENGTH);
        assertThat(ofOrg.get(1).outcome()).isEqualTo(LaunchOutcome.ACCEPTED);
        assertThat(ofOrg.get(1).visitId()).contains(visitId);
        assertThat(ofOrg.get(1).ehrUserId()).contains("Practitioner/E1001");
        LaunchAuditEntry unknown = audit.recent(0, 100).stream()
                .filter(a -> a.reasonCode().equals("UNKNOWN_ISSUER")).findFirst().orElseThrow();
        assertThat(unknown.endpointId()).isEmpty();
        assertThat(unknown.organizationId()).isEmpty();
        assertThat(unknown.issuer()).contains("https://unknown.example.org/fhir?forged");
    }

    @Test
    void anInstallationSecretIsStoredOncePerPurpose() {
        JpaInstallationSecretRepository secrets = new JpaInstallationSecretRepository(em);
        String purpose = "test-" + UUID.randomUUID();
        em.getTransaction().begin();
        secrets.add(new InstallationSecret(purpose, "sealed-1", T0));
        em.getTransaction().commit();
        em.clear();

        em.getTransaction().begin();
        assertThatThrownBy(() -> secrets.add(new InstallationSecret(purpose, "sealed-2", T0)))
                .isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();
        assertThat(secrets.find(purpose).orElseThrow().sealedValue()).isEqualTo("sealed-1");
    }
}
