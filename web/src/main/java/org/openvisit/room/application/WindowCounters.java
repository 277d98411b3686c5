package org.openvisit.room.application;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Counts per visit and key: in the last minute (a sliding window: the times of the last {@code limit} steps, so no
 * burst gets twice the limit across a minute's edge), or over the visit's life. Refused steps are not counted.
 */
final class WindowCounters {

    private static final long MINUTE = 60_000;

    private final LongSupplier clockMillis;
    private final ConcurrentMap<UUID, ConcurrentMap<String, Slot>> visits = new ConcurrentHashMap<>();

    WindowCounters(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** Counts one unless {@code limit} steps happened in the last minute; whether it was allowed. */
    boolean perMinute(UUID visitId, String key, int limit) {
        if (limit <= 0) {
            return false;
        }
        long now = clockMillis.getAsLong();
        Slot s = slot(visitId, key, limit);
        synchronized (s) {
            long oldest = s.times[s.next];
            if (s.count >= s.times.length && now - oldest < MINUTE) {
                return false;
            }
            s.times[s.next] = now;
            s.next = (s.next + 1) % s.times.length;
            s.count++;
            return true;
        }
    }

    /** Counts one unless {@code limit} steps happened in the visit's life; whether it was allowed. */
    boolean ever(UUID visitId, String key, int limit) {
        Slot s = slot(visitId, key, 1);
        synchronized (s) {
            if (s.count >= limit) {
                return false;
            }
            s.count++;
            return true;
        }
    }

    void forget(UUID visitId) {
        visits.remove(visitId);
    }

    private Slot slot(UUID visitId, String key, int size) {
        return visits.computeIfAbsent(visitId, v -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new Slot(size));
    }

    private static final class Slot {
        final long[] times;
        int next;
        long count;

        Slot(int size) {
            times = new long[size];
        }
    }
}
