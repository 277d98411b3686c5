package org.openvisit.notify.domain.model;

import java.util.UUID;

/** An organization and endpoint with sends due (read without locks, to look up their settings beforehand). */
public record DueOrganization(UUID organizationId, UUID endpointId) {
}
