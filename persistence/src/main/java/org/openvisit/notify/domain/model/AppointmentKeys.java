package org.openvisit.notify.domain.model;

import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AppointmentHashing;
import org.openvisit.visit.domain.model.VisitKey;

import java.util.Objects;
import java.util.UUID;

/**
 * What OpenVisit keeps of the EHR's appointment id for SMS (PRODUCT §7: appointment ids only as keyed hashes): the
 * visit hashes of the two references a launch may name the appointment by, {@code Appointment/<id>}
 * ({@code reference}: also the appointment's key per endpoint in the feed) and
 * {@code Appointment?identifier=<id>} ({@code identifier}), so that a short link finds the visit the clinician's
 * launch opened, whichever form the launch used. The id itself is held only long enough to be hashed.
 */
public record AppointmentKeys(AppointmentHash reference, AppointmentHash identifier) {

    /** The longest appointment id the feed takes. */
    public static final int MAX_ID = 200;

    public AppointmentKeys {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(identifier, "identifier");
    }

    /**
     * The keys of the EHR's appointment {@code appointmentId} seen through the endpoint.
     *
     * @throws IllegalArgumentException the id is blank or longer than {@value #MAX_ID} characters
     */
    public static AppointmentKeys of(AppointmentHashing hashing, UUID endpointId, String appointmentId) {
        if (appointmentId == null || appointmentId.isBlank() || appointmentId.length() > MAX_ID) {
            throw new IllegalArgumentException("appointmentId must be 1 to " + MAX_ID + " characters");
        }
        return new AppointmentKeys(hashing.hash(endpointId, VisitKey.appointment("Appointment/" + appointmentId)),
                hashing.hash(endpointId, VisitKey.appointment("Appointment?identifier=" + appointmentId)));
    }

    @Override
    public String toString() {
        return "AppointmentKeys[" + reference.value().substring(0, 8) + "…]";
    }
}
