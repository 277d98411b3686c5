package org.openvisit.notify.application;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Patient;
import org.openvisit.writeback.application.EndpointAccess;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port through which the SMS feed reads an EHR's FHIR API (SMART Backend Services; adapter
 * {@code notify.infrastructure.fhir.HapiFhirAppointments}): a page of the appointments in a time window changed
 * since a cursor, the next page by the Bundle's {@code next} link, one appointment by id (a Subscription notification
 * names it), and a patient's record for its contact points.
 * Every failure is an {@link EhrFeedException} with its kind and words.
 */
public interface EhrAppointments {

    /**
     * What to search: appointments starting in [{@code from}, {@code to}], changed after {@code updatedAfter}
     * (none: every one in the window), {@code count} a page.
     */
    record Query(Instant from, Instant to, Optional<Instant> updatedAfter, int count) {
    }

    /** One searchset page: its appointments (other resources left out) and the {@code next} link, if any. */
    record Page(List<Appointment> appointments, Optional<String> next) {
    }

    Page search(EndpointAccess access, Query query);

    /** The page a {@code next} link names (only on the endpoint's own FHIR base). */
    Page next(EndpointAccess access, String nextUrl);

    /** The appointment (empty when the EHR has no such record: 404 or 410). */
    Optional<Appointment> appointment(EndpointAccess access, String appointmentId);

    /** The patient (empty when the EHR has no such record: 404 or 410). */
    Optional<Patient> patient(EndpointAccess access, String patientId);
}
