package org.openvisit.visit.application;

import org.openvisit.tenant.domain.model.DataRegion;

import java.util.Objects;
import java.util.UUID;

/**
 * What the global store says about an approved endpoint that a launch opens a visit on: its organization, whose
 * region's store the visit goes to, and the organization's meeting platform. Read before the launch's (regional)
 * transaction begins.
 */
public record LaunchTarget(UUID endpointId, UUID organizationId, DataRegion region, String meetingPlatform) {

    public LaunchTarget {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(meetingPlatform, "meetingPlatform");
    }
}
