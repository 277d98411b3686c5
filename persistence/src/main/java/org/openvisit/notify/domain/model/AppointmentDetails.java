package org.openvisit.notify.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What an SIU message says of an appointment: its start, its department (may be null), the patient's mobile
 * number, sealed under the installation key ({@code phoneSealed}) and as a keyed hash for the opt-out list
 * ({@code phoneHash}); both null when the message carries no number (a cancellation may not); and the clinician's
 * name sealed the same way ({@code clinicianSealed}, null when the message names none).
 */
public record AppointmentDetails(Instant startsAt, String department, String phoneSealed, String phoneHash,
                                 String clinicianSealed) {

    public AppointmentDetails(Instant startsAt, String department, String phoneSealed, String phoneHash) {
        this(startsAt, department, phoneSealed, phoneHash, null);
    }

    public AppointmentDetails {
        Objects.requireNonNull(startsAt, "startsAt");
        if (department != null && department.length() > 200) {
            department = department.substring(0, 200);
        }
    }
}
