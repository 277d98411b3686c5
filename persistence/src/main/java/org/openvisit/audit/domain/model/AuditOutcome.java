package org.openvisit.audit.domain.model;

/** How the recorded action ended, with its code in FHIR's AuditEvent.outcome (0, 4, 8). */
public enum AuditOutcome {
    /** 0: it happened. */
    SUCCESS("0"),
    /** 4: refused or failed, nothing harmed (a wrong password, a refused launch). */
    MINOR_FAILURE("4"),
    /** 8: failed for good (a write-back given up after its attempts). */
    SERIOUS_FAILURE("8");

    private final String fhirCode;

    AuditOutcome(String fhirCode) {
        this.fhirCode = fhirCode;
    }

    public String fhirCode() {
        return fhirCode;
    }
}
