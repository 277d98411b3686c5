package org.openvisit.notify.application;

import org.hl7.fhir.r4.model.Appointment;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.writeback.application.EndpointAccess;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of an endpoint's FHIR poll, page by page: each appointment on a page is mapped
 * ({@link FhirAppointmentMapping}), its patient's mobile number read when a booking needs one (once per patient per
 * run, kept in memory for the run only), and handed to the same intake as an SIU message; then the page is reported
 * stored ({@link Pages#stored}), and only then is the next page asked for. Skipped appointments are counted by
 * reason. A refusal of the intake that says "try again" (the store is unavailable, the organization is being moved,
 * a concurrent change) ends the run as failed so that its pages are read again; an EHR failure ends it likewise.
 * No logging here: nothing of a patient passes through a log.
 */
public final class FhirFeedRun {

    /** The feed's intake: an appointment as an SIU message (the number as the EHR wrote it, or null). */
    @FunctionalInterface
    public interface Intake {
        /** @throws FeedRefusal the intake refused it, with the reason */
        FeedAnswer.Result take(SiuMessage message);
    }

    /** Where the run reports each stored page. */
    @FunctionalInterface
    public interface Pages {
        /** @return false when the run no longer holds the poll (it stops at once) */
        boolean stored(Instant pageHigh, int fed, Map<String, Integer> skipped);
    }

    /** How the run ended: pages stored, appointments taken in, skipped by reason; complete when the last page was stored. */
    public record Outcome(int pages, int fed, Map<String, Integer> skipped, boolean complete) {
    }

    /** Safety stop: a chain of {@code next} links longer than this is taken as an EHR's fault. */
    static final int MAX_PAGES = 1000;

    private final EhrAppointments ehr;
    private final EndpointAccess access;
    private final Intake intake;
    private final Pages pages;
    private final Map<String, Optional<String>> numbers = new HashMap<>();

    public FhirFeedRun(EhrAppointments ehr, EndpointAccess access, Intake intake, Pages pages) {
        this.ehr = ehr;
        this.access = access;
        this.intake = intake;
        this.pages = pages;
    }

    /**
     * @throws EhrFeedException the EHR failed (the pages stored before stay stored), or OpenVisit could not store
     */
    public Outcome run(EhrAppointments.Query query) {
        EhrAppointments.Page page = ehr.search(access, query);
        int count = 0;
        int fed = 0;
        Map<String, Integer> skipped = new LinkedHashMap<>();
        while (true) {
            count++;
            Taken taken = take(page.appointments());
            Instant high = taken.high();
            int pageFed = taken.fed();
            Map<String, Integer> pageSkipped = taken.skipped();
            if (!pages.stored(high, pageFed, pageSkipped)) {
                return new Outcome(count - 1, fed, skipped, false);
            }
            fed += pageFed;
            pageSkipped.forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
            if (page.next().isEmpty()) {
                return new Outcome(count, fed, skipped, true);
            }
            if (count >= MAX_PAGES) {
                throw new EhrFeedException(FhirFeedFailure.BAD_ANSWER, "The EHR's search went on for more than "
                        + MAX_PAGES + " pages; OpenVisit stopped following its next links.");
            }
            page = ehr.next(access, page.next().get());
        }
    }

    /**
     * Takes in the appointments a Subscription notification named (read back from the EHR), as a page of the poll:
     * the same mapping, the same patient reads and the same intake, so a notification and a poll of the same version
     * apply it once.
     *
     * @throws EhrFeedException the EHR failed, or OpenVisit could not store (the poll then takes them in)
     */
    public Outcome takeIn(List<Appointment> appointments) {
        Taken taken = take(appointments);
        return new Outcome(1, taken.fed(), taken.skipped(), true);
    }

    private record Taken(Instant high, int fed, Map<String, Integer> skipped) {
    }

    private Taken take(List<Appointment> appointments) {
        Instant high = null;
        int fed = 0;
        Map<String, Integer> skipped = new LinkedHashMap<>();
        for (Appointment appointment : appointments) {
            FhirAppointmentMapping.Result result = FhirAppointmentMapping.map(appointment, access.fhirBase());
            if (result.skip().isPresent()) {
                skipped.merge(result.skip().get().name(), 1, Integer::sum);
            } else {
                FhirAppointmentMapping.Mapped m = result.mapped().orElseThrow();
                String phone = m.needsNumber() ? m.patientId().flatMap(this::number).orElse(null) : null;
                try {
                    intake.take(m.message(phone));
                    fed++;
                } catch (FeedRefusal refusal) {
                    if (refusal.reason() == FeedRefusal.Reason.TRY_AGAIN) {
                        throw new EhrFeedException(FhirFeedFailure.STORE_UNAVAILABLE, refusal.getMessage());
                    }
                    skipped.merge(refusal.reason().name(), 1, Integer::sum);
                }
            }
            Instant updated = lastUpdated(appointment);
            if (updated != null && (high == null || updated.isAfter(high))) {
                high = updated;
            }
        }
        return new Taken(high, fed, skipped);
    }

    private Optional<String> number(String patientId) {
        return numbers.computeIfAbsent(patientId, id -> ehr.patient(access, id).flatMap(FhirAppointmentMapping::mobile));
    }

    private static Instant lastUpdated(Appointment appointment) {
        return appointment.hasMeta() && appointment.getMeta().getLastUpdated() != null
                ? appointment.getMeta().getLastUpdated().toInstant() : null;
    }

    /** For tests: the patients read in this run. */
    int patientsRead() {
        return numbers.size();
    }
}
