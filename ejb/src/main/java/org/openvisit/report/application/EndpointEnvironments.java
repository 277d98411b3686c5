package org.openvisit.report.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The environment (test or production) of an endpoint, for a visit's summary. Summaries are written inside the
 * regional store's transaction that records an event; the endpoint is in the global store, and Payara enlists one
 * non-XA resource per transaction: so the endpoint is read outside any transaction (NOT_SUPPORTED suspends the
 * caller's) and kept a minute, which also spares the global store a read per event.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EndpointEnvironments {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private record Known(FhirEnvironment environment, Instant until) {
    }

    @Inject
    private FhirEndpointRepository endpoints;

    private final Map<UUID, Known> known = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** The endpoint's environment; null for an endpoint that no longer exists. */
    public FhirEnvironment of(UUID endpointId) {
        Instant now = clock.instant();
        Known k = known.get(endpointId);
        if (k == null || k.until().isBefore(now)) {
            k = new Known(endpoints.find(endpointId).map(FhirEndpoint::environment).orElse(null), now.plus(KEEP));
            if (known.size() > 10_000) {
                known.clear();
            }
            known.put(endpointId, k);
        }
        return k.environment();
    }
}
