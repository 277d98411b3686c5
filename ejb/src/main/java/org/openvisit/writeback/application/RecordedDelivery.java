package org.openvisit.writeback.application;

import java.util.UUID;

/**
 * What became of a finished delivery: {@code recorded}, or refused because this node no longer held the
 * claim (another node took the task over after the lease and delivers it again, which the EHR absorbs
 * as a replay); {@code next} is the visit's next task when this node claimed it right away, else null.
 */
public record RecordedDelivery(UUID taskId, boolean recorded, ClaimedTask next) {
}
