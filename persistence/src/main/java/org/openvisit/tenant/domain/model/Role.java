package org.openvisit.tenant.domain.model;

/** What a portal user may do. Every role but {@link #OPERATOR} is held within one organization. */
public enum Role {
    /** Runs the OpenVisit installation; belongs to no organization. */
    OPERATOR,
    /** The organization's IT administrator: enters and maintains FHIR endpoints. */
    ORG_ADMIN,
    /** An EHR analyst who may be named as the approver of an endpoint. */
    EHR_ANALYST,
    /** Reads the organization's reports. */
    REPORT_READER;

    /** Whether the role is held within an organization (all but the operator). */
    public boolean isOrganizationRole() {
        return this != OPERATOR;
    }
}
