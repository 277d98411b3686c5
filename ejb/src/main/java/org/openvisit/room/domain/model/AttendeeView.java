package org.openvisit.room.domain.model;

import org.openvisit.visit.domain.model.AttendeeRole;

/**
 * An attendee as it was at one moment: what the provider page lists. {@code watching}: in the call of a large group
 * visit only watching (receiving the clinicians' video and audio, sending nothing).
 */
public record AttendeeView(String id, AttendeeRole role, AttendeeState state, boolean admitted, String displayName,
                           boolean watching) {
}
