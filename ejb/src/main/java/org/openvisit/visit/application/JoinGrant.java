package org.openvisit.visit.application;

import java.time.Instant;
import java.util.UUID;

/** What a valid join link allows: joining this visit's lobby in this role, until it expires. */
public record JoinGrant(UUID visitId, JoinRole role, Instant expiresAt) {
}
