package org.openvisit.visit.domain.model;

import org.openvisit.shared.domain.model.InvalidValueException;

/**
 * The EHR's id of what a visit is for (an Appointment reference such as {@code Appointment/123}, an
 * Encounter reference, or a conference id). It is held only in memory, long enough to be hashed: never stored, never logged.
 */
public record VisitKey(VisitKeyKind kind, String value) {

    public static final int MAX_LENGTH = 512;

    public VisitKey {
        if (kind == null) {
            throw new InvalidValueException("visitKey", "The visit key needs a kind (appointment or conference).");
        }
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("visitKey", "The launch names no " + kind.name().toLowerCase() + ".");
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("visitKey", "The " + kind.name().toLowerCase() + " id is longer than " + MAX_LENGTH
                    + " characters.");
        }
    }

    public static VisitKey appointment(String reference) {
        return new VisitKey(VisitKeyKind.APPOINTMENT, reference);
    }

    /** A visit of an encounter ({@code Encounter/456}): for launches that name no appointment. */
    public static VisitKey encounter(String reference) {
        return new VisitKey(VisitKeyKind.ENCOUNTER, reference);
    }

    public static VisitKey conference(String conferenceId) {
        return new VisitKey(VisitKeyKind.CONFERENCE, conferenceId);
    }

    /** The text that is hashed: the kind's prefix and the id. */
    public String hashInput() {
        return kind.prefix() + value;
    }

    @Override
    public String toString() {
        return "VisitKey[" + kind + ", value hidden]";
    }
}
