package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.AppointmentEvent;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Optional;

/**
 * What OpenVisit reads of an HL7v2 SIU message: its control id (MSH-10), what happened (MSH-9.2), the sending
 * facility (MSH-4), the appointment's id (SCH-2 filler, else SCH-1 placer), its start (SCH-11, else TQ1-7, else
 * AIS-4; the offset when the message gave one), the department (AIL-3), the patient's mobile number as written
 * (PID-13: the cell phone entry, else the first; null when there is none) and the clinician's name as the EHR writes
 * it for patients (AIP-3; null when there is none), which only a message text that names the clinician uses.
 */
public record SiuMessage(String controlId, AppointmentEvent event, String sendingFacility, String appointmentId,
                         LocalDateTime startLocal, ZoneOffset startOffset, String department, String phone,
                         String clinician) {

    /** The most characters of a clinician's name kept (a longer one is cut). */
    public static final int MAX_CLINICIAN = 100;

    public SiuMessage {
        if (clinician != null) {
            clinician = clinician.strip().replaceAll("\\s+", " ");
            clinician = clinician.isEmpty() ? null
                    : clinician.substring(0, Math.min(clinician.length(), MAX_CLINICIAN));
        }
    }

    public SiuMessage(String controlId, AppointmentEvent event, String sendingFacility, String appointmentId,
                      LocalDateTime startLocal, ZoneOffset startOffset, String department, String phone) {
        this(controlId, event, sendingFacility, appointmentId, startLocal, startOffset, department, phone, null);
    }

    /** The start as an instant, read in {@code zone} when the message gave no offset. */
    public Optional<Instant> start(ZoneId zone) {
        if (startLocal == null) {
            return Optional.empty();
        }
        return Optional.of(startOffset != null ? startLocal.toInstant(startOffset)
                : startLocal.atZone(zone).toInstant());
    }
}
