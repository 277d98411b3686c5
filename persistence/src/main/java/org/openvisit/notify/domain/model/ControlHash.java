package org.openvisit.notify.domain.model;

import org.openvisit.visit.domain.model.AppointmentHashing;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The keyed hash of an appointment feed message's control id (HL7v2 MSH-10, or the FHIR feed's
 * {@code fhir:<appointment id>/_history/<version>}): what the message log and an appointment's history keep, since a
 * control id may name the appointment. The same message sent again gives the same hash, so it is applied once.
 */
public record ControlHash(String value) {

    /** The longest control id the feed takes. */
    public static final int MAX_ID = 200;

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public ControlHash {
        Objects.requireNonNull(value, "value");
        if (!HEX_256.matcher(value).matches()) {
            throw new IllegalArgumentException("A control hash is 64 lower-case hex digits");
        }
    }

    /**
     * The hash of the endpoint's message {@code controlId}.
     *
     * @throws IllegalArgumentException the control id is blank or longer than {@value #MAX_ID} characters
     */
    public static ControlHash of(AppointmentHashing hashing, UUID endpointId, String controlId) {
        if (controlId == null || controlId.isBlank() || controlId.length() > MAX_ID) {
            throw new IllegalArgumentException("controlId must be 1 to " + MAX_ID + " characters");
        }
        return new ControlHash(hashing.message(endpointId, controlId));
    }
}
