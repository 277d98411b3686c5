package org.openvisit.room.domain.model;

import org.openvisit.visit.domain.model.AttendeeRole;

/** An attendee as it was at one moment: what the provider page lists. */
public record AttendeeView(String id, AttendeeRole role, AttendeeState state, boolean admitted, String displayName) {
}
