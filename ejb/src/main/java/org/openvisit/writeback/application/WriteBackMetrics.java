package org.openvisit.writeback.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.openvisit.writeback.domain.model.DeliveryStatus;
import org.openvisit.writeback.domain.model.QueueCount;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write-back at {@code /metrics} (application scope), tagged by endpoint id:
 * {@code writeback_queue_depth{endpoint,status}} (pending, retrying, in flight, failed; refreshed by the
 * relay every few seconds), {@code writeback_delivery_latency} (event recorded to EHR written),
 * {@code writeback_delivery_duration} (one attempt), {@code writeback_delivered_total} and
 * {@code writeback_failures_total{endpoint,kind=retry|dead_letter}}.
 */
@ApplicationScoped
public class WriteBackMetrics {

    @Inject
    private MetricRegistry registry;

    private final Map<String, Long> depth = new ConcurrentHashMap<>();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();

    private static Tag endpoint(UUID endpointId) {
        return new Tag("endpoint", endpointId.toString());
    }

    void delivered(UUID endpointId, Duration attempt, Duration sinceEvent) {
        registry.timer("writeback.delivery.duration", endpoint(endpointId)).update(attempt);
        registry.timer("writeback.delivery.latency", endpoint(endpointId)).update(sinceEvent);
        registry.counter("writeback.delivered", endpoint(endpointId)).inc();
    }

    void failed(UUID endpointId, boolean deadLetter) {
        registry.counter("writeback.failures", endpoint(endpointId), new Tag("kind", deadLetter ? "dead_letter" : "retry"))
                .inc();
    }

    /** The queue's depth per endpoint and status, as just counted. */
    void depth(List<QueueCount> counts) {
        Map<String, Long> now = new ConcurrentHashMap<>();
        for (QueueCount c : counts) {
            now.put(c.endpointId() + "|" + c.status(), c.count());
        }
        for (String key : gauges) {
            depth.put(key, now.getOrDefault(key, 0L));
        }
        for (var e : now.entrySet()) {
            depth.put(e.getKey(), e.getValue());
            if (gauges.add(e.getKey())) {
                String[] parts = e.getKey().split("\\|");
                String key = e.getKey();
                registry.gauge("writeback.queue.depth", depth, m -> m.getOrDefault(key, 0L),
                        new Tag("endpoint", parts[0]), new Tag("status", parts[1].toLowerCase(java.util.Locale.ROOT)));
            }
        }
    }

    static final Set<DeliveryStatus> QUEUED = Set.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING,
            DeliveryStatus.IN_FLIGHT, DeliveryStatus.FAILED);
}
