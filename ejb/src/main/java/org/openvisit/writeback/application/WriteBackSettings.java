package org.openvisit.writeback.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The write-back relay's settings from MicroProfile Config ({@code openvisit.writeback.*}; defaults in
 * {@code META-INF/microprofile-config.properties}, explained in the README). Read once at start.
 */
@ApplicationScoped
public class WriteBackSettings {

    @Inject
    @ConfigProperty(name = "openvisit.writeback.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.poll-interval-ms", defaultValue = "500")
    long pollIntervalMillis;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.batch-size", defaultValue = "50")
    int batchSize;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.parallelism", defaultValue = "32")
    int parallelism;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.lease-seconds", defaultValue = "60")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.backoff-base-ms", defaultValue = "2000")
    long backoffBaseMillis;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.backoff-max-ms", defaultValue = "300000")
    long backoffMaxMillis;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.max-attempts", defaultValue = "12")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.connect-timeout-ms", defaultValue = "3000")
    int connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.request-timeout-ms", defaultValue = "10000")
    int requestTimeoutMillis;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.circuit.failure-threshold", defaultValue = "5")
    int circuitFailureThreshold;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.circuit.open-ms", defaultValue = "30000")
    long circuitOpenMillis;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.circuit.max-open-ms", defaultValue = "300000")
    long circuitMaxOpenMillis;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.client-id", defaultValue = "openvisit-backend")
    String clientId;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.key-algorithm", defaultValue = "ES384")
    String keyAlgorithm;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.forget-after-seconds", defaultValue = "600")
    long forgetAfterSeconds;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.retention-days", defaultValue = "30")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "openvisit.writeback.node-name")
    Optional<String> nodeName;

    private String node;

    @PostConstruct
    void check() {
        if (batchSize < 1 || parallelism < 1 || leaseSeconds < 1 || maxAttempts < 1 || pollIntervalMillis < 10
                || requestTimeoutMillis < 100 || connectTimeoutMillis < 100) {
            throw new IllegalStateException("openvisit.writeback.*: batch-size, parallelism, lease-seconds and "
                    + "max-attempts must be at least 1, poll-interval-ms at least 10, the timeouts at least 100 ms.");
        }
        if (retentionDays < 1) {
            throw new IllegalStateException("openvisit.writeback.retention-days must be at least 1.");
        }
        if (!"ES384".equals(keyAlgorithm) && !"RS384".equals(keyAlgorithm)) {
            throw new IllegalStateException("openvisit.writeback.key-algorithm must be ES384 or RS384.");
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String h = host;
        node = nodeName.filter(n -> !n.isBlank()).map(String::strip)
                .orElseGet(() -> h + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration pollInterval() {
        return Duration.ofMillis(pollIntervalMillis);
    }

    public int batchSize() {
        return batchSize;
    }

    public int parallelism() {
        return parallelism;
    }

    /** At most this many deliveries to one endpoint at once: the others always keep the rest. */
    public int perEndpointParallelism() {
        return Math.max(1, (parallelism + 1) / 2);
    }

    /**
     * The calls at once one of {@code nodes} nodes makes to an EHR whose organization set this limit (0: none): the
     * limit is the EHR's, so the nodes share it out (rounded up: each node keeps at least one call, so with more nodes
     * than the limit the EHR may see one call per node); never more than the node's own cap.
     */
    public int callsAtOnce(int organizationLimit, int nodes) {
        if (organizationLimit <= 0) {
            return perEndpointParallelism();
        }
        int share = (organizationLimit + Math.max(1, nodes) - 1) / Math.max(1, nodes);
        return Math.min(share, perEndpointParallelism());
    }

    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    public Backoff backoff() {
        return new Backoff(Duration.ofMillis(backoffBaseMillis), Duration.ofMillis(Math.max(backoffBaseMillis,
                backoffMaxMillis)));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMillis);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMillis);
    }

    public EndpointCircuitBreakers.Limits circuitLimits() {
        return new EndpointCircuitBreakers.Limits(circuitFailureThreshold, Duration.ofMillis(circuitOpenMillis),
                Duration.ofMillis(Math.max(circuitOpenMillis, circuitMaxOpenMillis)));
    }

    public String clientId() {
        return clientId;
    }

    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public Duration forgetAfter() {
        return Duration.ofSeconds(forgetAfterSeconds);
    }

    /** Delivered tasks and their history are deleted this long after their delivery. */
    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    /** This node's name in claims and attempt rows. */
    public String node() {
        return node;
    }
}
