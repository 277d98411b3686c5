package org.openvisit.room.application;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * {@link StepCounters} in this JVM's memory, by {@link StepWindow}'s rule: for tests and tools that run without the
 * data grid. Refused steps are not counted.
 */
final class WindowCounters implements StepCounters {

    private final LongSupplier clockMillis;
    private final ConcurrentMap<UUID, ConcurrentMap<String, long[]>> visits = new ConcurrentHashMap<>();

    WindowCounters(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    @Override
    public boolean perMinute(UUID visitId, String key, int limit) {
        long now = clockMillis.getAsLong();
        return counted(visitId, key, times -> StepWindow.oneMoreInTheMinute(times, now, limit));
    }

    @Override
    public boolean ever(UUID visitId, String key, int limit) {
        return counted(visitId, key, count -> StepWindow.oneMoreEver(count, limit));
    }

    @Override
    public void forget(UUID visitId) {
        visits.remove(visitId);
    }

    private boolean counted(UUID visitId, String key, UnaryOperator<long[]> step) {
        boolean[] allowed = new boolean[1];
        visits.computeIfAbsent(visitId, v -> new ConcurrentHashMap<>()).compute(key, (k, old) -> {
            long[] next = step.apply(old);
            allowed[0] = next != null;
            return next == null ? old : next;
        });
        return allowed[0];
    }
}
