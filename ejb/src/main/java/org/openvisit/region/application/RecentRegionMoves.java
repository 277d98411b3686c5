package org.openvisit.region.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The organizations being moved to another region, as this node last read them, kept for a fifth of
 * {@code openvisit.region-move.settle} (2 s of the default 10 s). The SMS feed asks for every message it takes (the
 * benchmark's hundreds a second each paid a read of the global store for it). Nothing is lost by the wait: a move
 * copies only {@code settle} after its request, so that every node has seen the pause by then, and a read up to a
 * fifth of that old still sees it in time. Whether a launch waits is read afresh each time
 * ({@link RegionMoves#launchesPaused}).
 */
@ApplicationScoped
public class RecentRegionMoves {

    private final LongSupplier nanoTime;

    @Inject
    @ConfigProperty(name = "openvisit.region-move.settle", defaultValue = "PT10S")
    Duration settle;

    private volatile Snapshot last;

    public RecentRegionMoves() {
        this(System::nanoTime);
    }

    RecentRegionMoves(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The paused organizations: the last read while it is young enough, else {@code read}'s answer, kept. */
    public Set<UUID> pausedOrganizations(Supplier<Set<UUID>> read) {
        long now = nanoTime.getAsLong();
        Snapshot snapshot = last;
        if (snapshot == null || now - snapshot.readAt() >= maximumAge()) {
            // the time is taken before the read: the snapshot is never thought younger than it is
            snapshot = new Snapshot(Set.copyOf(read.get()), now);
            last = snapshot;
        }
        return snapshot.organizations();
    }

    private long maximumAge() {
        return settle.toNanos() / 5;
    }

    private record Snapshot(Set<UUID> organizations, long readAt) {
    }
}
