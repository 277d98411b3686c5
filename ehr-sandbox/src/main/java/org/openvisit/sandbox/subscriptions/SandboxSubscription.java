package org.openvisit.sandbox.subscriptions;

import java.time.Instant;
import java.util.List;

/**
 * One rest-hook Subscription the sandbox holds: its id, the FHIR base it was made on, its topic, where and with which headers it notifies, its status
 * ({@code requested}, {@code active}, {@code error}, {@code off}), how many events it has counted, its heartbeat
 * period (seconds, 0: none), its end and when it last sent anything.
 */
record SandboxSubscription(String id, String fhirBase, String topic, String endpoint, List<String> headers, String status,
                           long events, int heartbeatSeconds, Instant end, Instant lastSent) {

    SandboxSubscription withStatus(String newStatus) {
        return new SandboxSubscription(id, fhirBase, topic, endpoint, headers, newStatus, events, heartbeatSeconds, end, lastSent);
    }

    SandboxSubscription counted() {
        return new SandboxSubscription(id, fhirBase, topic, endpoint, headers, status, events + 1, heartbeatSeconds, end, lastSent);
    }

    SandboxSubscription sentAt(Instant at) {
        return new SandboxSubscription(id, fhirBase, topic, endpoint, headers, status, events, heartbeatSeconds, end, at);
    }

    SandboxSubscription endingAt(Instant newEnd) {
        return new SandboxSubscription(id, fhirBase, topic, endpoint, headers, status, events, heartbeatSeconds, newEnd, lastSent);
    }
}
