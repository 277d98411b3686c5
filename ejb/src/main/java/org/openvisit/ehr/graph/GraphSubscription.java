package org.openvisit.ehr.graph;

import java.time.Instant;

/** A Microsoft Graph change-notification subscription as Graph answered it: its id and when it expires. */
public record GraphSubscription(String id, Instant expiresAt) {
}
