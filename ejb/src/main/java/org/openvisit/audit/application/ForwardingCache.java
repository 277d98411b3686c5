package org.openvisit.audit.application;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This node's memory of each organization's audit repository, for {@link #TTL}: a change made on another node applies
 * here within that time (a change made here at once).
 */
@ApplicationScoped
public class ForwardingCache {

    public static final Duration TTL = Duration.ofSeconds(60);

    private record Known(Optional<String> url, Instant until) {
    }

    private final Map<UUID, Known> known = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    Optional<String> get(UUID organizationId, Function<UUID, Optional<String>> read) {
        Instant now = clock.instant();
        Known k = known.get(organizationId);
        if (k == null || !k.until().isAfter(now)) {
            k = new Known(read.apply(organizationId), now.plus(TTL));
            known.put(organizationId, k);
        }
        return k.url();
    }

    void forget(UUID organizationId) {
        known.remove(organizationId);
    }
}
