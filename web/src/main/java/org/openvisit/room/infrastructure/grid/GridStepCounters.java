package org.openvisit.room.infrastructure.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.room.application.StepCounters;
import org.openvisit.room.application.StepWindow;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The rooms' step counters in Payara's data grid: one entry per visit, attendee and kind of step in the {@value #MAP}
 * map (plain {@code long[]} values, so no class of OpenVisit's travels between nodes), changed under the grid's lock on
 * that entry by {@link StepWindow}'s rule. Every node counts against the same figures. An entry lives
 * {@value GridLiveRooms#KEEP_HOURS} hours after its last step, like a room, and goes with the room.
 */
@ApplicationScoped
public class GridStepCounters implements StepCounters {

    static final String MAP = "openvisit-room-limits";
    /** A step never waits long for another node's count of the same key: it is refused instead (BUSY is not needed). */
    private static final long LOCK_WAIT_SECONDS = 5;
    private static final long LOCK_LEASE_SECONDS = 30;

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance grid;

    @Override
    public boolean perMinute(UUID visitId, String key, int limit) {
        return counted(visitId, key, times -> StepWindow.oneMoreInTheMinute(times, System.currentTimeMillis(), limit));
    }

    @Override
    public boolean ever(UUID visitId, String key, int limit) {
        return counted(visitId, key, count -> StepWindow.oneMoreEver(count, limit));
    }

    @Override
    public void forget(UUID visitId) {
        counters().removeAll(Predicates.like("__key", visitId + "|%"));
    }

    private boolean counted(UUID visitId, String key, UnaryOperator<long[]> step) {
        IMap<String, long[]> counters = counters();
        String entry = visitId + "|" + key;
        boolean locked;
        try {
            locked = counters.tryLock(entry, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            return false; // refused: a browser that keeps a counter busy this long is the flood the limit is for
        }
        try {
            long[] next = step.apply(counters.get(entry));
            if (next == null) {
                return false;
            }
            counters.set(entry, next, GridLiveRooms.KEEP_HOURS, TimeUnit.HOURS);
            return true;
        } finally {
            counters.unlock(entry);
        }
    }

    private IMap<String, long[]> counters() {
        return grid.getMap(MAP);
    }
}
