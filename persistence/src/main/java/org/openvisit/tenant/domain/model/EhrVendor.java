package org.openvisit.tenant.domain.model;

/** The EHR an organization runs; it decides which launch style and write-back adapter fit by default. */
public enum EhrVendor {
    EPIC("Epic"),
    ORACLE_HEALTH("Oracle Health (Cerner)"),
    OTHER_SMART("Other SMART on FHIR EHR");

    private final String displayName;

    EhrVendor(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
