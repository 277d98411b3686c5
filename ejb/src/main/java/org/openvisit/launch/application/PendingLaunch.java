package org.openvisit.launch.application;

import org.openvisit.ehr.SmartAuthorization;

import java.io.Serializable;
import java.util.UUID;

/**
 * A SMART EHR launch between the redirect to the EHR's authorize endpoint and the callback: kept in
 * the browser's HTTP session only, used once. {@link #toString()} shows no secret.
 *
 * @param issuer   the {@code iss} as the EHR gave it (for the audit log)
 * @param audience which launch URL the EHR opened
 */
public record PendingLaunch(UUID endpointId, UUID organizationId, String issuer, LaunchAudience audience,
                            SmartAuthorization authorization) implements Serializable {

    public PendingLaunch {
        audience = audience == null ? LaunchAudience.ANY : audience;
    }

    public String state() {
        return authorization.state();
    }

    @Override
    public String toString() {
        return "PendingLaunch[endpoint=" + endpointId + ", " + audience + ", " + authorization + "]";
    }
}
