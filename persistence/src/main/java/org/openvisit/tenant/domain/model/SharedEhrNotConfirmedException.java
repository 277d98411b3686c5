package org.openvisit.tenant.domain.model;

import org.openvisit.shared.domain.model.ConflictException;

/**
 * The FHIR base URL is registered by another organization of this installation, and the administrator did not
 * confirm it as a shared EHR. The message names no organization and nothing of it.
 */
public class SharedEhrNotConfirmedException extends ConflictException {

    private final String baseUrl;

    public SharedEhrNotConfirmedException(FhirBaseUrl baseUrl) {
        super("The FHIR base URL " + baseUrl + " is already registered by another organization on this installation. "
                + "If your organization shares this EHR with others (for example Epic Community Connect, or one Oracle "
                + "Health domain for several hospitals), confirm that it is a shared EHR to register it; otherwise "
                + "check the address with your EHR team.");
        this.baseUrl = baseUrl.value();
    }

    public String baseUrl() {
        return baseUrl;
    }
}
