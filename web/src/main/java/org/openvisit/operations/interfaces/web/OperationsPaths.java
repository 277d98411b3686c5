package org.openvisit.operations.interfaces.web;

/**
 * Payara's MicroProfile endpoints, {@code /metrics} and {@code /health}, which Payara serves inside OpenVisit's root
 * web module on Payara Micro and in the EAR alike: web.xml opens them to operators only (HTTP Basic, like the API),
 * except the load balancers' probes {@code /health/live}, {@code /health/ready} and {@code /health/started}.
 */
public final class OperationsPaths {

    private OperationsPaths() {
    }

    /** A path (after the context path) of the metrics or health endpoints, probes included. */
    public static boolean covers(String path) {
        return path.equals("/metrics") || path.startsWith("/metrics/") || path.equals("/health")
                || path.startsWith("/health/");
    }
}
