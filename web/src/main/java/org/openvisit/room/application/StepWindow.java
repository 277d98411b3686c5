package org.openvisit.room.application;

import java.util.Arrays;

/**
 * The counting rule of {@link StepCounters}, on the value a counter holds: for a per-minute limit the times of the
 * steps in the last minute (a sliding window, so no burst gets twice the limit across a minute's edge); for a limit
 * over the visit's life the count. {@code null} in: no step yet; {@code null} out: refused, nothing counted.
 */
public final class StepWindow {

    static final long MINUTE_MILLIS = 60_000;

    private StepWindow() {
    }

    /** The times after one more step at {@code now}, or {@code null} when {@code limit} steps lie within a minute. */
    public static long[] oneMoreInTheMinute(long[] times, long now, int limit) {
        if (limit <= 0) {
            return null;
        }
        long[] recent = times == null ? new long[0]
                : Arrays.stream(times).filter(t -> now - t < MINUTE_MILLIS).toArray();
        if (recent.length >= limit) {
            return null;
        }
        long[] next = Arrays.copyOf(recent, recent.length + 1);
        next[recent.length] = now;
        return next;
    }

    /** The count after one more step, or {@code null} when {@code limit} steps were counted already. */
    public static long[] oneMoreEver(long[] count, int limit) {
        long counted = count == null || count.length == 0 ? 0 : count[0];
        return counted >= limit ? null : new long[] {counted + 1};
    }
}
