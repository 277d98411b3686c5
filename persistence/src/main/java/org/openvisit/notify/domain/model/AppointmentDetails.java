package org.openvisit.notify.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What an SIU message says of an appointment: its start, its department (may be null) and the patient's mobile
 * number, sealed under the installation key ({@code phoneSealed}) and as a keyed hash for the opt-out list
 * ({@code phoneHash}); both null when the message carries no number (a cancellation may not).
 */
public record AppointmentDetails(Instant startsAt, String department, String phoneSealed, String phoneHash) {

    public AppointmentDetails {
        Objects.requireNonNull(startsAt, "startsAt");
        if (department != null && department.length() > 200) {
            department = department.substring(0, 200);
        }
    }
}
