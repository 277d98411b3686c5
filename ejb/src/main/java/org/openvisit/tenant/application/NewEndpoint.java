package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.FhirEnvironment;

import java.util.UUID;

/**
 * What an organization admin enters to add a FHIR endpoint. The values are checked by the model
 * ({@link org.openvisit.tenant.domain.model.FhirBaseUrl}, {@link org.openvisit.tenant.domain.model.EndpointDetails}),
 * which names the refused field: {@code organizationId}, {@code baseUrl}, {@code environment}, {@code label}
 * or {@code approver}.
 *
 * @param label    optional department or sub-organization; blank means none
 * @param approver the portal username of the EHR analyst who approves the endpoint
 */
public record NewEndpoint(UUID organizationId, String baseUrl, FhirEnvironment environment, String label,
                          String approver) {
}
