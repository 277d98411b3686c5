package org.openvisit.visit.application;

import java.time.Instant;
import java.util.UUID;

/**
 * What a valid join link allows: joining this visit's lobby in this role, until it expires. {@code linkId} is the
 * link's random id, by which it is revoked when its person is removed from the visit.
 */
public record JoinGrant(UUID visitId, JoinRole role, Instant expiresAt, String linkId) {
}
