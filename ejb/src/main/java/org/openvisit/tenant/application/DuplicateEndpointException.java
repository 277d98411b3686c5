package org.openvisit.tenant.application;

import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEnvironment;

/**
 * The organization has an endpoint with this FHIR base URL in this environment already (in any status,
 * a withdrawn one included: that one can be submitted again instead).
 */
public class DuplicateEndpointException extends ConflictException {

    public DuplicateEndpointException(FhirBaseUrl baseUrl, FhirEnvironment environment, EndpointStatus existing) {
        super("This organization already has a " + environment.displayName().toLowerCase() + " endpoint with the "
                + "FHIR base URL " + baseUrl + advice(existing));
    }

    /** When the clash was only found by the database (two people saving at once). */
    public DuplicateEndpointException(FhirBaseUrl baseUrl, FhirEnvironment environment) {
        super("This organization already has a " + environment.displayName().toLowerCase() + " endpoint with the "
                + "FHIR base URL " + baseUrl + ". Open that endpoint instead of adding it again.");
    }

    private static String advice(EndpointStatus existing) {
        if (existing == null) {
            return ". Open that endpoint instead of adding it again.";
        }
        return existing == EndpointStatus.WITHDRAWN
                ? " (withdrawn). Submit that endpoint for approval again instead of adding it again."
                : " (" + existing + "). Open that endpoint instead of adding it again.";
    }
}
