package org.openvisit.tenant.domain.model;

import java.util.Objects;

/**
 * An approver's completed EHR sign-in as it is offered to the endpoint: the EHR user it named, and what the
 * sign-in was started for: the endpoint's FHIR base URL, its {@link FhirEndpoint#version() version} and the
 * number of its last history row at that moment (any change to the row moves the version; any action adds a
 * history row). The endpoint records it only if it is still exactly that endpoint ({@link FhirEndpoint#recordEhrVerification}).
 *
 * @param ehrUser         {@code fhirUser} as the id_token gave it, else its {@code sub}
 * @param fhirBaseUrl     the normal form of the FHIR base URL the approver signed in at
 * @param endpointVersion the endpoint's version when the sign-in started
 * @param lastChange      the sequence number of the endpoint's last history row when the sign-in started
 */
public record EhrSignIn(String ehrUser, String fhirBaseUrl, long endpointVersion, int lastChange) {

    public EhrSignIn {
        Objects.requireNonNull(fhirBaseUrl, "fhirBaseUrl");
    }

    @Override
    public String toString() {
        return "EhrSignIn[fhirBaseUrl=" + fhirBaseUrl + ", endpointVersion=" + endpointVersion + ", lastChange="
                + lastChange + "]";
    }
}
