package org.openvisit.notify.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Instant;

/**
 * One step of an appointment's history: which message (the keyed hash of its control id, {@link ControlHash}) moved it
 * from which status to which.
 */
@Embeddable
public class AppointmentChange {

    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "event", length = 16, nullable = false)
    private AppointmentEvent event;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 16)
    private AppointmentStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", length = 16, nullable = false)
    private AppointmentStatus to;

    @Column(name = "control_hash", length = 64, nullable = false)
    private String controlHash;

    @Column(name = "changed_at", nullable = false)
    private Instant at;

    protected AppointmentChange() {
        // for JPA
    }

    AppointmentChange(int sequence, AppointmentEvent event, AppointmentStatus from, AppointmentStatus to,
                      String controlHash, Instant at) {
        this.sequence = sequence;
        this.event = event;
        this.from = from;
        this.to = to;
        this.controlHash = controlHash;
        this.at = at;
    }

    public int sequence() {
        return sequence;
    }

    public AppointmentEvent event() {
        return event;
    }

    public AppointmentStatus from() {
        return from;
    }

    public AppointmentStatus to() {
        return to;
    }

    /** The keyed hash of the message's control id. */
    public ControlHash control() {
        return new ControlHash(controlHash);
    }

    public Instant at() {
        return at;
    }
}
