package org.openvisit.tenant.interfaces.rest;

import org.openvisit.tenant.application.EndpointChanges;
import org.openvisit.tenant.application.NewEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;

import java.util.UUID;

/**
 * The JSON body that registers a FHIR endpoint ({@code submit}: send it for approval at once) or saves
 * an edit ({@code version}: the version the edit is based on, unless sent as {@code If-Match};
 * {@code sharedEhr}: true to confirm a FHIR base URL another organization uses as a shared EHR). The
 * environment arrives as text so that a wrong value gets a message listing the accepted ones.
 */
public record EndpointRequest(String baseUrl, String environment, String label, String approver, Boolean submit,
                              Long version, Boolean sharedEhr) {

    NewEndpoint toNewEndpoint(UUID organizationId) {
        return new NewEndpoint(organizationId, baseUrl, parsedEnvironment(), label, approver);
    }

    EndpointChanges toChanges() {
        return new EndpointChanges(baseUrl, parsedEnvironment(), label, approver);
    }

    boolean sharedEhrConfirmed() {
        return Boolean.TRUE.equals(sharedEhr);
    }

    boolean submitForApproval() {
        return Boolean.TRUE.equals(submit);
    }

    private FhirEnvironment parsedEnvironment() {
        return EnumValues.parse(FhirEnvironment.class, "environment", environment);
    }
}
