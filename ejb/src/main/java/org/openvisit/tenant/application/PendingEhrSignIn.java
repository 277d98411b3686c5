package org.openvisit.tenant.application;

import org.openvisit.smart.SmartAuthorization;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * An approver's EHR sign-in that has been started and not yet completed: for which endpoint, by whom,
 * when, and the SMART authorization with its state and PKCE verifier. The portal keeps it in the HTTP
 * session and uses it once. {@link #toString()} shows no secret.
 */
public record PendingEhrSignIn(UUID endpointId, String username, Instant startedAt, SmartAuthorization authorization)
        implements Serializable {

    public String state() {
        return authorization.state();
    }

    @Override
    public String toString() {
        return "PendingEhrSignIn[endpointId=" + endpointId + ", username=" + username + ", startedAt=" + startedAt + "]";
    }
}
