package org.openvisit.ehr.fhir;

import java.time.Duration;
import java.util.Objects;

/**
 * How a user of {@link FhirClients} talks to EHRs: how long to wait for a connection and for an answer, and
 * how many connections to keep open in all and to one EHR. Clients with the same limits share one pool.
 */
public record FhirClientLimits(Duration connectTimeout, Duration requestTimeout, int maxConnections,
                               int maxConnectionsPerHost) {

    public FhirClientLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("FHIR client timeouts must be positive (none would wait forever).");
        }
        if (maxConnections < 1 || maxConnectionsPerHost < 1) {
            throw new IllegalArgumentException("A FHIR client pool needs at least one connection.");
        }
    }
}
