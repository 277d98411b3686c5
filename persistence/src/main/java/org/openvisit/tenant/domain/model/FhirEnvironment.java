package org.openvisit.tenant.domain.model;

/** Whether a FHIR endpoint is the EHR's test (non-production) system or its production system. */
public enum FhirEnvironment {
    TEST("Test"),
    PRODUCTION("Production");

    private final String displayName;

    FhirEnvironment(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
