package org.openvisit.it.container;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.junit.jupiter.api.Test;
import org.openvisit.launch.application.AcceptedLaunch;
import org.openvisit.launch.application.LaunchAcceptance;
import org.openvisit.launch.application.LaunchAuditService;
import org.openvisit.launch.application.LaunchAuditView;
import org.openvisit.launch.domain.model.LaunchOutcome;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointView;
import org.openvisit.tenant.application.NewEndpoint;
import org.openvisit.tenant.application.NewOrganization;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.visit.application.EhrContext;
import org.openvisit.visit.application.EhrContextSeal;
import org.openvisit.visit.application.OpenedVisit;
import org.openvisit.visit.application.ParticipantView;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.application.VisitEvents;
import org.openvisit.visit.application.VisitOpening;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.application.VisitView;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.IllegalVisitTransitionException;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKey;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.domain.model.VisitStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Visit orchestration inside Payara Micro (run by {@link ServicesInContainerIT}). Many
 * simultaneous launches of one appointment open one visit with one meeting; the appointment id never
 * reaches the database, only its keyed hash; the launch audit log.
 */
interface VisitServicesInContainer {

    int LAUNCHES = 50;


    VisitOrchestrationService visits();

    LaunchAcceptance acceptance();

    LaunchAuditService audit();

    VisitEvents events();

    EhrContextSeal contextSeal();

    EndpointService endpoints();

    OrganizationService organizations();

    private static ManagedExecutorService executor() {
        return lookup("java:comp/DefaultManagedExecutorService");
    }

    /** The visit tables live in the organization's regional store; the test organizations are in the Americas. */
    private static DataSource dataSource() {
        return lookup("java:app/jdbc/openvisit-americas");
    }

    private static <T> T lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (javax.naming.NamingException e) {
            throw new IllegalStateException("Not found: " + name + " (" + e.getMessage() + ")");
        }
    }

    @Test
    default void fiftySimultaneousLaunchesOfOneAppointmentOpenOneVisitWithOneMeeting() throws Exception {
        EndpointView endpoint = approvedEndpoint();
        String appointment = "Appointment/appt-" + UUID.randomUUID();
        ManagedExecutorService executor = executor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OpenedVisit>> launches = new ArrayList<>();
        for (int i = 0; i < LAUNCHES; i++) {
            String clinician = "Practitioner/clin-" + (i % 5); // five clinicians, ten launches each
            Callable<OpenedVisit> launch = () -> {
                start.await();
                return launch(endpoint.id(), VisitKey.appointment(appointment), clinician,
                        ParticipantRole.PROVIDER, "Location/cardiology");
            };
            launches.add(executor.submit(launch));
        }
        start.countDown();
        List<OpenedVisit> opened = new ArrayList<>();
        for (Future<OpenedVisit> f : launches) {
            opened.add(f.get(60, TimeUnit.SECONDS));
        }

        Set<UUID> visitIds = new HashSet<>();
        Set<Object> meetings = new HashSet<>();
        opened.forEach(o -> {
            visitIds.add(o.visit().id());
            meetings.add(o.visit().meeting());
        });
        assertThat(visitIds).hasSize(1);
        assertThat(meetings).hasSize(1).doesNotContainNull();
        assertThat(opened).filteredOn(OpenedVisit::created).hasSize(1);

        UUID visitId = visitIds.iterator().next();
        VisitView visit = visits().find(visitId).orElseThrow();
        assertThat(visit.status()).isEqualTo(VisitStatus.SCHEDULED);
        assertThat(visit.departmentId()).isEqualTo("Location/cardiology");
        assertThat(visit.organizationId()).isEqualTo(endpoint.organizationId());
        assertThat(visit.keyKind()).isEqualTo(VisitKeyKind.APPOINTMENT);
        assertThat(visit.meeting().meetingId()).isEqualTo("room-" + visitId);
        assertThat(visit.providerJoinUrl()).isEqualTo("/visit/" + visitId);
        assertThat(visit.patientJoinUrl()).isEqualTo("/visit/" + visitId + "/lobby");
        assertThat(visit.participants()).extracting(ParticipantView::ehrUserId).containsExactlyInAnyOrder(
                "Practitioner/clin-0", "Practitioner/clin-1", "Practitioner/clin-2", "Practitioner/clin-3",
                "Practitioner/clin-4");
        assertThat(visit.participants()).allSatisfy(p -> assertThat(p.role()).isEqualTo(ParticipantRole.PROVIDER));

        assertThat(count("select count(*) from visit where endpoint_id = ?", endpoint.id().toString())).isEqualTo(1);
        assertThat(count("select count(distinct meeting_id) from visit where endpoint_id = ?",
                endpoint.id().toString())).isEqualTo(1);
        assertThat(count("select count(*) from visit_participant where visit_id = ?", visitId.toString())).isEqualTo(5);
        assertThat(count("select count(*) from launch_audit where visit_id = ? and outcome = 'ACCEPTED'",
                visitId.toString())).as("every launch recorded once, with its visit").isEqualTo(LAUNCHES);
        assertThatTheAppointmentIsNowhereInTheVisitTables(appointment, visitId);
    }

    @Test
    default void anotherAppointmentOrAConferenceOpensAnotherVisitAndALaterLaunchFindsTheSameOne() {
        EndpointView endpoint = approvedEndpoint();
        String first = "Appointment/" + UUID.randomUUID();
        String second = "Appointment/" + UUID.randomUUID();

        OpenedVisit a = launch(endpoint.id(), VisitKey.appointment(first), "Practitioner/A",
                ParticipantRole.PROVIDER, null);
        OpenedVisit b = launch(endpoint.id(), VisitKey.appointment(second), "Practitioner/A",
                ParticipantRole.PROVIDER, null);
        OpenedVisit conference = launch(endpoint.id(), VisitKey.conference(first), "Practitioner/A",
                ParticipantRole.PROVIDER, null);
        OpenedVisit again = launch(endpoint.id(), VisitKey.appointment(first), "Practitioner/N",
                ParticipantRole.STAFF, "Location/ward-3");

        assertThat(a.created()).isTrue();
        assertThat(b.created()).isTrue();
        assertThat(conference.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(Set.of(a.visit().id(), b.visit().id(), conference.visit().id())).hasSize(3);
        assertThat(again.visit().id()).isEqualTo(a.visit().id());
        assertThat(again.visit().departmentId()).isNull(); // the department of the visit's first launch stays
        assertThat(conference.visit().keyKind()).isEqualTo(VisitKeyKind.CONFERENCE);
        assertThat(again.visit().participants()).extracting(ParticipantView::ehrUserId, ParticipantView::role)
                .containsExactly(tuple("Practitioner/A", ParticipantRole.PROVIDER),
                        tuple("Practitioner/N", ParticipantRole.STAFF));
        assertThatTheAppointmentIsNowhereInTheVisitTables(first, a.visit().id());

        VisitView ended = visits().end(a.visit().id());
        assertThat(ended.status()).isEqualTo(VisitStatus.ENDED);
        assertThat(ended.endedAt()).isNotNull();
    }

    @Test
    default void simultaneousEventsOfOneVisitAreNumberedOneAfterTheOtherAndMoveItsStatus() throws Exception {
        EndpointView endpoint = approvedEndpoint();
        UUID visitId = launch(endpoint.id(), VisitKey.appointment("Appointment/" + UUID.randomUUID()),
                "Practitioner/A", ParticipantRole.PROVIDER, null).visit().id();
        ManagedExecutorService executor = executor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<VisitEventRecorded>> recorded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String attendee = "a-" + i;
            VisitEventType type = i % 2 == 0 ? VisitEventType.LOBBY_JOINED : VisitEventType.CONNECTED;
            recorded.add(executor.submit(() -> {
                start.await();
                return events().record(visitId, type, AttendeeRole.PATIENT, attendee, null);
            }));
        }
        start.countDown();
        Set<Long> numbers = new HashSet<>();
        for (Future<VisitEventRecorded> f : recorded) {
            numbers.add(f.get(60, TimeUnit.SECONDS).sequence());
        }
        assertThat(numbers).hasSize(20).allMatch(n -> n >= 1 && n <= 20);
        assertThat(events().of(visitId)).extracting(VisitEventRecorded::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(visits().find(visitId).orElseThrow().status()).isEqualTo(VisitStatus.IN_PROGRESS);

        visits().end(visitId);
        assertThat(events().of(visitId)).last().extracting(VisitEventRecorded::type).isEqualTo(VisitEventType.VISIT_ENDED);
        assertThatThrownBy(() -> events().record(visitId, VisitEventType.ADMITTED, AttendeeRole.PATIENT, "a-1", null))
                .isInstanceOf(IllegalVisitTransitionException.class);
        assertThat(events().of(visitId)).hasSize(21);
    }

    @Test
    default void theEhrReferencesAreStoredSealedOnceAndOpenOnlyForTheirVisit() throws Exception {
        EndpointView endpoint = approvedEndpoint();
        String appointment = "appt-" + UUID.randomUUID().toString().substring(0, 8);
        UUID visitId = launch(endpoint.id(), VisitKey.appointment("Appointment/" + appointment),
                "Practitioner/A", ParticipantRole.PROVIDER, null).visit().id();
        ManagedExecutorService executor = executor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> launches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            launches.add(executor.submit(() -> {
                start.await();
                acceptance().accept(new AcceptedLaunch("https://ehr.example.org/fhir", endpoint.id(),
                        endpoint.organizationId(), VisitOpening.ofPatient(endpoint.id(),
                        VisitKey.appointment("Appointment/" + appointment), null,
                        new EhrContext("Appointment/" + appointment, "Encounter/enc-9")), "PATIENT_LAUNCH", ""));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : launches) {
            f.get(60, TimeUnit.SECONDS); // none fails although all store at once
        }
        try (Connection c = dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("select ehr_context from visit where id = ?")) {
            q.setString(1, visitId.toString());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String sealed = rs.getString(1);
                assertThat(sealed).isNotBlank().doesNotContain(appointment, "enc-9", "Appointment");
                assertThat(contextSeal().open(visitId, sealed))
                        .isEqualTo(new EhrContext("Appointment/" + appointment, "Encounter/enc-9"));
                assertThatThrownBy(() -> contextSeal().open(UUID.randomUUID(), sealed)).isInstanceOf(RuntimeException.class);
            }
        }
    }

    @Test
    default void anEndpointThatIsNotApprovedOpensNoVisit() {
        Tenant org = tenant();
        EndpointView draft = endpoints().register(org.admin, new NewEndpoint(org.id, uniqueUrl(), FhirEnvironment.TEST,
                "Cardiology", org.analyst.username()), false);
        assertThatThrownBy(() -> launch(draft.id(), VisitKey.appointment("Appointment/1"), "Practitioner/A",
                ParticipantRole.PROVIDER, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> launch(UUID.randomUUID(), VisitKey.appointment("Appointment/1"),
                "Practitioner/A", ParticipantRole.PROVIDER, null)).isInstanceOf(ConflictException.class);
        assertThat(count("select count(*) from visit where endpoint_id = ?", draft.id().toString())).isZero();
    }

    @Test
    default void theLaunchAuditLogKeepsAcceptedAndRefusedLaunchesForTheOrganization() {
        EndpointView endpoint = approvedEndpoint();
        UUID org = endpoint.organizationId();
        audit().refused("https://unknown-" + UUID.randomUUID() + ".example.org/fhir", null, null, null,
                "UNKNOWN_ISSUER", "No approved endpoint has this FHIR base URL.");
        audit().refused(endpoint.baseUrl(), endpoint.id(), org, null, "STATE_REUSED", "The launch was used already.");
        OpenedVisit v = acceptance().accept(new AcceptedLaunch(endpoint.baseUrl(), endpoint.id(), org,
                VisitOpening.ofClinician(endpoint.id(), VisitKey.appointment("Appointment/" + UUID.randomUUID()),
                        "Practitioner/A", ParticipantRole.PROVIDER, null, new EhrContext(null, null)), "OPENED", ""));
        assertThatThrownBy(() -> audit().accepted(endpoint.baseUrl(), endpoint.id(), org, "Practitioner/A",
                v.visit().id(), "OPENED", "Visit opened.")).as("only inside the launch's own transaction")
                .isInstanceOf(jakarta.ejb.EJBTransactionRequiredException.class);

        Actor admin = Actor.member("it.admin", org, Role.ORG_ADMIN);
        List<LaunchAuditView> rows = audit().ofOrganization(admin, org, 0, 50);
        assertThat(rows).extracting(LaunchAuditView::outcome, LaunchAuditView::reasonCode).containsExactly(
                tuple(LaunchOutcome.ACCEPTED, "OPENED"),
                tuple(LaunchOutcome.REFUSED, "STATE_REUSED"));
        assertThat(rows.get(0).visitId()).isEqualTo(v.visit().id());
        assertThat(audit().recent(Actor.operator("ops"), 0, 50)).anySatisfy(r ->
                assertThat(r.reasonCode()).isEqualTo("UNKNOWN_ISSUER"));
        assertThatThrownBy(() -> audit().ofOrganization(Actor.member("x", UUID.randomUUID(), Role.ORG_ADMIN), org, 0, 5))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> audit().recent(admin, 0, 5)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    default void productionModeSeedsNoDemoOrganization() {
        // the Arquillian container runs with the defaults: production mode
        assertThat(organizations().list(0, 200).items()).noneSatisfy(o ->
                assertThat(o.name()).isEqualTo("Demo Health (EHR sandbox)"));
        assertThat(endpoints().findApprovedByIssuer("http://localhost:8080/ehr-sandbox/fhir")).isEmpty();
    }

    /** A clinician's launch accepted as the launch services accept it: visit, participant and audit row together. */
    private OpenedVisit launch(UUID endpointId, VisitKey key, String clinician, ParticipantRole role, String department) {
        return acceptance().accept(new AcceptedLaunch("https://ehr.example.org/fhir", endpointId, null,
                VisitOpening.ofClinician(endpointId, key, clinician, role, department, new EhrContext(null, null)),
                "PROVIDER_LAUNCH", ""));
    }

    private void assertThatTheAppointmentIsNowhereInTheVisitTables(String appointment, UUID visitId) {
        String id = appointment.substring(appointment.indexOf('/') + 1);
        assertThat(count("select count(*) from visit where appointment_hash like ? or department_id like ?",
                "%" + id + "%", "%" + id + "%")).isZero();
        assertThat(count("select count(*) from visit_participant where ehr_user_id like ?", "%" + id + "%")).isZero();
        assertThat(count("select count(*) from launch_audit where issuer like ? or reason like ?",
                "%" + id + "%", "%" + id + "%")).isZero();
        assertThat(count("select count(*) from visit where id = ? and length(appointment_hash) = 64",
                visitId.toString())).isEqualTo(1);
    }

    private long count(String sql, String... parameters) {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    record Tenant(UUID id, Actor admin, Actor analyst) {
    }

    private Tenant tenant() {
        String suffix = UUID.randomUUID().toString();
        UUID id = organizations().register(new NewOrganization("Visit Clinic " + suffix, DataRegion.AMERICAS,
                EhrVendor.EPIC)).id();
        return new Tenant(id, Actor.member("it.admin-" + suffix, id, Role.ORG_ADMIN),
                Actor.member("ehr.analyst-" + suffix, id, Role.EHR_ANALYST));
    }

    private EndpointView approvedEndpoint() {
        Tenant org = tenant();
        UUID id = endpoints().register(org.admin, new NewEndpoint(org.id, uniqueUrl(), FhirEnvironment.TEST,
                "Cardiology", org.analyst.username()), true).id();
        endpoints().recordEhrVerification(org.analyst, id, "Practitioner/" + org.analyst.username());
        return endpoints().approve(org.analyst, id);
    }

    private static String uniqueUrl() {
        return "https://ehr-" + UUID.randomUUID() + ".example.org/interconnect/api/FHIR/R4";
    }
}
