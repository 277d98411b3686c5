package org.openvisit.operations.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Alive while the JVM still has heap to work with: a process stuck at its memory limit is better
 * restarted than kept.
 */
@Liveness
@ApplicationScoped
public class ApplicationLivenessCheck implements HealthCheck {

    static final double MAX_HEAP_USE = 0.95;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double use = (double) heap.getUsed() / max;
        return HealthCheckResponse.named("openvisit")
                .status(use < MAX_HEAP_USE)
                .withData("heapUsedMiB", heap.getUsed() >> 20)
                .withData("heapMaxMiB", max >> 20)
                .build();
    }
}
