package org.openvisit.visit.domain.model;

import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.regex.Pattern;

/** The keyed hash (HMAC-SHA256, lower-case hex) of a visit's appointment or conference id. */
public record AppointmentHash(String value) {

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public AppointmentHash {
        if (value == null || !HEX_256.matcher(value).matches()) {
            throw new InvalidValueException("appointmentHash", "An appointment hash is 64 lower-case hex digits.");
        }
    }
}
