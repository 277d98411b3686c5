package org.openvisit.tenant.application;

import java.io.Serializable;
import java.time.Instant;

/**
 * An organization's Graph subscription to its Teams call records as the portal shows it: whether there is one, until
 * when, and what went wrong last (a {@code GraphFailure} kind's name, Graph's words), all {@code null} when nothing was
 * tried yet.
 */
public record CallSubscriptionView(boolean active, Instant expiresAt, String failure, String error, Instant checkedAt)
        implements Serializable {
}
