package org.openvisit.notify.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Instant;

/** One step of an appointment's history: which message (control id) moved it from which status to which. */
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

    @Column(name = "control_id", length = 200, nullable = false)
    private String controlId;

    @Column(name = "changed_at", nullable = false)
    private Instant at;

    protected AppointmentChange() {
        // for JPA
    }

    AppointmentChange(int sequence, AppointmentEvent event, AppointmentStatus from, AppointmentStatus to,
                      String controlId, Instant at) {
        this.sequence = sequence;
        this.event = event;
        this.from = from;
        this.to = to;
        this.controlId = controlId;
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

    public String controlId() {
        return controlId;
    }

    public Instant at() {
        return at;
    }
}
