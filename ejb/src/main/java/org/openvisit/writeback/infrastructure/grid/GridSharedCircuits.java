package org.openvisit.writeback.infrastructure.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.writeback.application.SharedCircuits;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The write-back's open circuits in Payara's data grid, map {@value #MAP}: endpoint id to the moment the circuit
 * opens again (epoch milliseconds), each entry living until then. Endpoint ids and times only.
 */
@ApplicationScoped
public class GridSharedCircuits implements SharedCircuits {

    static final String MAP = "openvisit-circuits";

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance grid;

    private IMap<String, Long> circuits() {
        return grid.getMap(MAP);
    }

    @Override
    public void opened(UUID endpoint, Instant until) {
        if (!until.isAfter(Instant.now())) {
            return;
        }
        // a later moment wins: two nodes opening at once keep the longer pause
        IMap<String, Long> circuits = circuits();
        Long kept = circuits.merge(endpoint.toString(), until.toEpochMilli(), Math::max);
        long ttl = Duration.between(Instant.now(), Instant.ofEpochMilli(kept == null ? until.toEpochMilli() : kept))
                .toMillis();
        if (ttl > 0) {
            circuits.setTtl(endpoint.toString(), ttl, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void closed(UUID endpoint) {
        circuits().delete(endpoint.toString());
    }

    @Override
    public Map<UUID, Instant> openNow(Instant now) {
        Map<UUID, Instant> open = new HashMap<>();
        circuits().forEach((endpoint, until) -> {
            if (until != null && until > now.toEpochMilli()) {
                open.put(UUID.fromString(endpoint), Instant.ofEpochMilli(until));
            }
        });
        return open;
    }
}
