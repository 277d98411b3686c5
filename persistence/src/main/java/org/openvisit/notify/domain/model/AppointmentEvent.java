package org.openvisit.notify.domain.model;

import java.util.Arrays;
import java.util.Optional;

/** What an SIU message says happened to an appointment, by its trigger event (MSH-9.2). */
public enum AppointmentEvent {
    BOOKED("S12"),
    RESCHEDULED("S13"),
    MODIFIED("S14"),
    CANCELLED("S15"),
    DELETED("S17"),
    NO_SHOW("S26");

    private final String trigger;

    AppointmentEvent(String trigger) {
        this.trigger = trigger;
    }

    /** The HL7v2 trigger event, e.g. {@code S12}. */
    public String trigger() {
        return trigger;
    }

    public static Optional<AppointmentEvent> ofTrigger(String trigger) {
        return Arrays.stream(values()).filter(e -> e.trigger.equalsIgnoreCase(trigger)).findFirst();
    }
}
