package org.openvisit.room.application;

import java.util.UUID;

/**
 * Where {@link AttendeeLimits} counts a visit's steps: in the data grid, so that every node of a cluster counts
 * against the same limit (a browser whose sockets land on two nodes gets the limit once, not twice).
 */
public interface StepCounters {

    /** Counts one unless {@code limit} steps of {@code key} happened in the last minute; whether it was allowed. */
    boolean perMinute(UUID visitId, String key, int limit);

    /** Counts one unless {@code limit} steps of {@code key} happened in the visit's life; whether it was allowed. */
    boolean ever(UUID visitId, String key, int limit);

    /** Forgets the visit's counts (its room was dropped). */
    void forget(UUID visitId);
}
