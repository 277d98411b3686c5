package org.openvisit.notify.application;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.openvisit.notify.domain.model.AppointmentEvent;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.writeback.application.EndpointAccess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One poll run over a fake EHR and a fake intake: paging, telecom, skip reasons, stop on a lost claim or a failure. */
class FhirFeedRunTest {

    private static final EndpointAccess ACCESS = new EndpointAccess(UUID.randomUUID(), "https://ehr.example.org/fhir",
            "openvisit-backend", "k1");
    private static final EhrAppointments.Query QUERY = new EhrAppointments.Query(Instant.parse("2026-12-05T00:00:00Z"),
            Instant.parse("2026-12-19T00:00:00Z"), Optional.empty(), 2);

    private static Appointment appointment(String id, Appointment.AppointmentStatus status, String patient,
                                           String updated) {
        Appointment a = new Appointment();
        a.setId(id);
        a.getMeta().setVersionId("1").setLastUpdated(Date.from(Instant.parse(updated)));
        a.setStatus(status);
        a.setStart(Date.from(Instant.parse("2026-12-06T10:00:00Z")));
        if (patient != null) {
            a.addParticipant().setActor(new Reference("Patient/" + patient));
        }
        return a;
    }

    private static Patient patient(String mobile) {
        Patient p = new Patient();
        if (mobile != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE)
                    .setValue(mobile);
        }
        return p;
    }

    /** A fake EHR: pages by next link, patients by id, counting the reads. */
    private static class FakeEhr implements EhrAppointments {
        final List<Page> pages = new ArrayList<>();
        final Map<String, Patient> patients = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        RuntimeException failOnPage;
        int failAt = -1;

        @Override
        public Page search(EndpointAccess access, Query query) {
            calls.add("search");
            return pages.get(0);
        }

        @Override
        public Page next(EndpointAccess access, String nextUrl) {
            calls.add(nextUrl);
            int index = Integer.parseInt(nextUrl.substring(nextUrl.lastIndexOf('=') + 1));
            if (index == failAt) {
                throw failOnPage;
            }
            return pages.get(index);
        }

        @Override
        public Optional<org.hl7.fhir.r4.model.Appointment> appointment(EndpointAccess access, String appointmentId) {
            calls.add("Appointment/" + appointmentId);
            return pages.stream().flatMap(p -> p.appointments().stream())
                    .filter(a -> a.getIdElement().getIdPart().equals(appointmentId)).findFirst();
        }

        @Override
        public Optional<Patient> patient(EndpointAccess access, String patientId) {
            calls.add("Patient/" + patientId);
            return Optional.ofNullable(patients.get(patientId));
        }
    }

    /** Like the real intake: refuses a new booking without a number, an invalid number; takes the rest. */
    private static final class FakeIntake implements FhirFeedRun.Intake {
        final List<SiuMessage> taken = new ArrayList<>();

        @Override
        public FeedAnswer.Result take(SiuMessage message) {
            if (message.event() == AppointmentEvent.MODIFIED && message.phone() == null) {
                throw new FeedRefusal(FeedRefusal.Reason.NO_MOBILE, "no mobile number");
            }
            if (message.phone() != null && !message.phone().startsWith("+1202")) {
                throw new FeedRefusal(FeedRefusal.Reason.INVALID_NUMBER, "not a valid mobile number");
            }
            taken.add(message);
            return FeedAnswer.Result.ACCEPTED;
        }
    }

    private record Stored(Instant high, int fed, Map<String, Integer> skipped) {
    }

    @Test
    void everyPageIsTakenInAndReportedBeforeTheNextIsAskedForWithSkipsCounted() {
        FakeEhr ehr = new FakeEhr();
        ehr.pages.add(new EhrAppointments.Page(List.of(
                appointment("a1", Appointment.AppointmentStatus.BOOKED, "p1", "2026-12-05T01:00:00Z"),
                appointment("a2", Appointment.AppointmentStatus.BOOKED, "p2", "2026-12-05T03:00:00Z")),
                Optional.of("https://ehr.example.org/fhir?page=1")));
        ehr.pages.add(new EhrAppointments.Page(List.of(
                appointment("a3", Appointment.AppointmentStatus.CANCELLED, "p3", "2026-12-05T02:00:00Z"),
                appointment("a4", Appointment.AppointmentStatus.BOOKED, "p1", "2026-12-05T02:30:00Z"),
                appointment("a5", Appointment.AppointmentStatus.PROPOSED, "p1", "2026-12-05T02:40:00Z"),
                appointment("a6", Appointment.AppointmentStatus.BOOKED, "p4", "2026-12-05T02:50:00Z")),
                Optional.empty()));
        ehr.patients.put("p1", patient("+12025550147"));
        ehr.patients.put("p2", patient(null)); // no mobile
        ehr.patients.put("p4", patient("+44 20 7946 0000")); // not the intake's idea of valid
        FakeIntake intake = new FakeIntake();
        List<Stored> stored = new ArrayList<>();
        List<String> callsAtStore = new ArrayList<>();

        FhirFeedRun run = new FhirFeedRun(ehr, ACCESS, intake, (high, fed, skipped) -> {
            stored.add(new Stored(high, fed, new LinkedHashMap<>(skipped)));
            callsAtStore.add(String.join(" ", ehr.calls));
            return true;
        });
        FhirFeedRun.Outcome outcome = run.run(QUERY);

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.pages()).isEqualTo(2);
        assertThat(outcome.fed()).isEqualTo(3);
        assertThat(outcome.skipped()).containsEntry("NO_MOBILE", 1).containsEntry("NOT_BOOKED", 1)
                .containsEntry("INVALID_NUMBER", 1);
        assertThat(stored.get(0)).isEqualTo(new Stored(Instant.parse("2026-12-05T03:00:00Z"), 1,
                Map.of("NO_MOBILE", 1)));
        assertThat(stored.get(1).high()).isEqualTo(Instant.parse("2026-12-05T02:50:00Z"));
        // page 2 was asked for only after page 1 was stored
        assertThat(callsAtStore.get(0)).doesNotContain("page=1");
        // the cancellation needs no number (p3 never read); p1 read once for two bookings
        assertThat(ehr.calls).doesNotContain("Patient/p3");
        assertThat(ehr.calls.stream().filter("Patient/p1"::equals)).hasSize(1);
        assertThat(intake.taken).extracting(SiuMessage::appointmentId).containsExactly("a1", "a3", "a4");
        assertThat(intake.taken.get(0).phone()).isEqualTo("+12025550147");
        assertThat(intake.taken.get(1).event()).isEqualTo(AppointmentEvent.CANCELLED);
        assertThat(intake.taken.get(1).phone()).isNull();
    }

    /**
     * What a Subscription notification names is taken in as a poll page would be: the same messages, with the same
     * control ids (so the version-keyed intake applies a notification and a poll of the same change once).
     */
    @Test
    void appointmentsReadBackForANotificationGoInLikeAPollPage() {
        Appointment booked = appointment("a1", Appointment.AppointmentStatus.BOOKED, "p1", "2026-12-05T01:00:00Z");
        Appointment noMobile = appointment("a2", Appointment.AppointmentStatus.BOOKED, "p2", "2026-12-05T01:00:00Z");
        FakeEhr ehr = new FakeEhr();
        ehr.pages.add(new EhrAppointments.Page(List.of(booked, noMobile), Optional.empty()));
        ehr.patients.put("p1", patient("+12025550147"));
        ehr.patients.put("p2", patient(null));
        FakeIntake polled = new FakeIntake();
        new FhirFeedRun(ehr, ACCESS, polled, (high, fed, skipped) -> true).run(QUERY);
        FakeIntake notified = new FakeIntake();
        FhirFeedRun.Outcome outcome = new FhirFeedRun(ehr, ACCESS, notified, (high, fed, skipped) -> {
            throw new AssertionError("a notification stores no poll page");
        }).takeIn(List.of(booked, noMobile));
        assertThat(outcome.fed()).isEqualTo(1);
        assertThat(outcome.skipped()).containsEntry("NO_MOBILE", 1);
        assertThat(notified.taken).extracting(SiuMessage::controlId)
                .containsExactlyElementsOf(polled.taken.stream().map(SiuMessage::controlId).toList());
        assertThat(notified.taken.get(0).phone()).isEqualTo("+12025550147");
    }

    @Test
    void aRunThatLostItsClaimStopsAtOnce() {
        FakeEhr ehr = new FakeEhr();
        ehr.pages.add(new EhrAppointments.Page(List.of(appointment("a1", Appointment.AppointmentStatus.CANCELLED, "p1",
                "2026-12-05T01:00:00Z")), Optional.of("https://ehr.example.org/fhir?page=1")));
        FhirFeedRun.Outcome outcome = new FhirFeedRun(ehr, ACCESS, new FakeIntake(), (h, f, s) -> false).run(QUERY);
        assertThat(outcome.complete()).isFalse();
        assertThat(ehr.calls).containsExactly("search");
    }

    @Test
    void anEhrFailureOnALaterPageEndsTheRunAfterTheStoredPages() {
        FakeEhr ehr = new FakeEhr();
        ehr.pages.add(new EhrAppointments.Page(List.of(appointment("a1", Appointment.AppointmentStatus.CANCELLED, "p1",
                "2026-12-05T01:00:00Z")), Optional.of("https://ehr.example.org/fhir?page=1")));
        ehr.failAt = 1;
        ehr.failOnPage = new EhrFeedException(FhirFeedFailure.UNAVAILABLE, "The EHR answered HTTP 503.");
        List<Integer> stored = new ArrayList<>();
        assertThatThrownBy(() -> new FhirFeedRun(ehr, ACCESS, new FakeIntake(), (h, f, s) -> stored.add(f))
                .run(QUERY)).isInstanceOf(EhrFeedException.class).hasMessageContaining("503");
        assertThat(stored).containsExactly(1);
    }

    @Test
    void anIntakeThatSaysTryAgainFailsTheRunWithoutStoringThePage() {
        FakeEhr ehr = new FakeEhr();
        ehr.pages.add(new EhrAppointments.Page(List.of(appointment("a1", Appointment.AppointmentStatus.CANCELLED, "p1",
                "2026-12-05T01:00:00Z")), Optional.empty()));
        List<Integer> stored = new ArrayList<>();
        FhirFeedRun run = new FhirFeedRun(ehr, ACCESS, m -> {
            throw new FeedRefusal(FeedRefusal.Reason.TRY_AGAIN, "The organization's data store is not available now.");
        }, (h, f, s) -> stored.add(f));
        assertThatThrownBy(() -> run.run(QUERY)).isInstanceOfSatisfying(EhrFeedException.class,
                e -> assertThat(e.kind()).isEqualTo(FhirFeedFailure.STORE_UNAVAILABLE));
        assertThat(stored).isEmpty();
    }

    @Test
    void anIncompleteAppointmentIsSkippedAndTheRunGoesOn() {
        // a field missing in one appointment is that appointment's problem, not a store that is down
        FakeEhr ehr = new FakeEhr();
        ehr.pages.add(new EhrAppointments.Page(List.of(appointment("a1", Appointment.AppointmentStatus.CANCELLED, "p1",
                "2026-12-05T01:00:00Z")), Optional.empty()));
        List<Integer> stored = new ArrayList<>();
        FhirFeedRun.Outcome outcome = new FhirFeedRun(ehr, ACCESS, m -> {
            throw new FeedRefusal(FeedRefusal.Reason.INCOMPLETE, "The message has no start for the appointment.");
        }, (h, f, s) -> stored.add(f)).run(QUERY);
        assertThat(outcome.skipped()).containsEntry("INCOMPLETE", 1);
        assertThat(stored).containsExactly(0);
    }

    @Test
    void anEndlessChainOfNextLinksIsStopped() {
        FakeEhr ehr = new FakeEhr() {
            @Override
            public Page next(EndpointAccess access, String nextUrl) {
                calls.add(nextUrl);
                return new Page(List.of(), Optional.of("https://ehr.example.org/fhir?page=1"));
            }
        };
        ehr.pages.add(new EhrAppointments.Page(List.of(), Optional.of("https://ehr.example.org/fhir?page=1")));
        assertThatThrownBy(() -> new FhirFeedRun(ehr, ACCESS, new FakeIntake(), (h, f, s) -> true).run(QUERY))
                .isInstanceOfSatisfying(EhrFeedException.class,
                        e -> assertThat(e.kind()).isEqualTo(FhirFeedFailure.BAD_ANSWER));
        assertThat(ehr.calls).hasSize(FhirFeedRun.MAX_PAGES);
    }
}
