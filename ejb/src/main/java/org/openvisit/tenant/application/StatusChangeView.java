package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.EndpointStatusChange;

import java.io.Serializable;
import java.time.Instant;

/**
 * One row of an endpoint's history.
 *
 * @param sequence 1 for the creation, then one more for every change
 * @param from     the status before; {@code null} for the creation
 * @param actor    the portal username of who did it
 * @param reason   the reason given, what an edit changed, or the EHR user of a verification; may be {@code null}
 */
public record StatusChangeView(int sequence, EndpointAction action, EndpointStatus from, EndpointStatus to,
                               String actor, Instant at, String reason) implements Serializable {

    static StatusChangeView of(EndpointStatusChange change) {
        return new StatusChangeView(change.sequence(), change.action(), change.from().orElse(null), change.to(),
                change.actor(), change.at(), change.reason().orElse(null));
    }
}
