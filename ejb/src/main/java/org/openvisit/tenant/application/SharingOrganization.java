package org.openvisit.tenant.application;

import java.io.Serializable;
import java.util.UUID;

/**
 * Another organization of this installation that has an endpoint with the same FHIR base URL (a shared EHR).
 * Shown to operators only; an organization's own users never learn it.
 */
public record SharingOrganization(UUID id, String name) implements Serializable {
}
