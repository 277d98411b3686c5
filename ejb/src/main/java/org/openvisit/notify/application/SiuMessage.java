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
 * AIS-4; the offset when the message gave one), the department (AIL-3) and the patient's mobile number as written
 * (PID-13: the cell phone entry, else the first; null when there is none).
 */
public record SiuMessage(String controlId, AppointmentEvent event, String sendingFacility, String appointmentId,
                         LocalDateTime startLocal, ZoneOffset startOffset, String department, String phone) {

    /** The start as an instant, read in {@code zone} when the message gave no offset. */
    public Optional<Instant> start(ZoneId zone) {
        if (startLocal == null) {
            return Optional.empty();
        }
        return Optional.of(startOffset != null ? startLocal.toInstant(startOffset)
                : startLocal.atZone(zone).toInstant());
    }
}
