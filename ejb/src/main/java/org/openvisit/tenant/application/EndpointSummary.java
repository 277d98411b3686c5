package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A FHIR endpoint as a row of a list, and as the launch lookup returns it.
 *
 * @param baseUrl   the normal form of the FHIR base URL
 * @param label     the department or sub-organization; {@code null} when none
 * @param inService whether it accepts launches (only when APPROVED)
 * @param version   what to pass back as the expected version when editing it
 * @param sharedEhr  the organization's administrator confirmed the URL as a shared EHR
 * @param sharedWith for operators only: the other organizations with an endpoint at this URL (empty when none);
 *                   {@code null} for everybody else
 */
public record EndpointSummary(UUID id, UUID organizationId, String baseUrl, FhirEnvironment environment, String label,
                              String approver, EndpointStatus status, boolean inService, Instant createdAt,
                              long version, boolean sharedEhr, List<SharingOrganization> sharedWith)
        implements Serializable {

    /** The endpoint as pages name it: its label with its FHIR base URL, or the base URL alone. */
    public String displayName() {
        return label == null || label.isBlank() ? baseUrl : label + " (" + baseUrl + ")";
    }

    public EndpointSummary {
        sharedWith = sharedWith == null ? null : List.copyOf(sharedWith);
    }

    static EndpointSummary of(FhirEndpoint endpoint) {
        return of(endpoint, null);
    }

    static EndpointSummary of(FhirEndpoint endpoint, List<SharingOrganization> sharedWith) {
        return new EndpointSummary(endpoint.id(), endpoint.organizationId(), endpoint.baseUrl().value(),
                endpoint.environment(), endpoint.label().orElse(null), endpoint.approver().value(), endpoint.status(),
                endpoint.isInService(), endpoint.createdAt(), endpoint.version(), endpoint.isSharedEhr(), sharedWith);
    }
}
