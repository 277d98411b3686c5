package org.openvisit.writeback.domain.model;

/** How one delivery attempt ended, or which portal action changed the task. */
public enum AttemptOutcome {
    DELIVERED,
    /** A passing failure (EHR down, busy, slow): tried again later. */
    RETRY,
    /** A failure that trying again will not fix, or the last allowed attempt: a dead letter. */
    FAILED,
    /** Someone asked in the portal to try a failed item again. */
    REQUEUED,
    /** Someone dropped the item in the portal: it is not delivered. */
    DISCARDED
}
