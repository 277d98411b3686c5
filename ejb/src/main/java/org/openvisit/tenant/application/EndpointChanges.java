package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.FhirEnvironment;

/**
 * The values of an endpoint as the admin saves them from the edit form: all of them, changed or not.
 * Checked by the model like {@link NewEndpoint}.
 */
public record EndpointChanges(String baseUrl, FhirEnvironment environment, String label, String approver) {
}
