package org.openvisit.tenant.application;

import org.openvisit.ehr.SmartAuthorization;
import org.openvisit.tenant.domain.model.EhrSignIn;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * An approver's EHR sign-in that has been started and not yet completed: for which endpoint, by whom,
 * when, the SMART authorization with its state and PKCE verifier, and what the endpoint was when it started
 * (its FHIR base URL, version and last history row: the sign-in is recorded only for exactly that endpoint).
 * The portal keeps it in the HTTP session and uses it once. {@link #toString()} shows no secret.
 *
 * @param fhirBaseUrl     the endpoint's FHIR base URL when the sign-in started (where the approver signs in)
 * @param endpointVersion the endpoint's version then
 * @param lastChange      the sequence number of its last history row then
 */
public record PendingEhrSignIn(UUID endpointId, String username, Instant startedAt, SmartAuthorization authorization,
                               String fhirBaseUrl, long endpointVersion, int lastChange)
        implements Serializable {

    /** The completed sign-in as the endpoint is offered it, naming {@code ehrUser}. */
    public EhrSignIn signIn(String ehrUser) {
        return new EhrSignIn(ehrUser, fhirBaseUrl, endpointVersion, lastChange);
    }

    public String state() {
        return authorization.state();
    }

    @Override
    public String toString() {
        return "PendingEhrSignIn[endpointId=" + endpointId + ", username=" + username + ", startedAt=" + startedAt
                + ", fhirBaseUrl=" + fhirBaseUrl + ", endpointVersion=" + endpointVersion + "]";
    }
}
