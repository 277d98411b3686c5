package org.openvisit.report.domain.model;

import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Instant;
import java.util.Objects;

/** What the definitions need of one visit event: its type, who (role, opaque attendee id) and when. */
public record EventFact(VisitEventType type, AttendeeRole role, String attendeeId, Instant at) {

    public EventFact {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }

    public static EventFact of(VisitEvent e) {
        return new EventFact(e.type(), e.attendeeRole().orElse(null), e.attendeeId().orElse(null), e.occurredAt());
    }

    boolean byClinician() {
        return role != null && role.isClinician();
    }

    boolean byPatientOrGuest() {
        return role == AttendeeRole.PATIENT || role == AttendeeRole.GUEST;
    }
}
