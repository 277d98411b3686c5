package org.openvisit.tenant.domain.model;

import org.openvisit.shared.domain.model.ForbiddenException;

/**
 * An approver's EHR sign-in that proves no staff access to the EHR (see {@link StaffEhrUser}); nothing is
 * recorded. {@link #reason()} says why, for a message in the analyst's language; the English message says it too.
 * Neither carries the EHR user's id: a patient's id is not for logs or pages.
 */
public class EhrUserNotStaffException extends ForbiddenException {

    /** Why the sign-in is refused. */
    public enum Reason {
        /** A patient's own account ({@code Patient}). */
        PATIENT,
        /** A patient's relative or proxy ({@code RelatedPerson}), as patient portals sign in proxies. */
        RELATED_PERSON,
        /** Another kind of FHIR user ({@code Person}, {@code Device}, ...). */
        OTHER_USER_TYPE,
        /** No {@code fhirUser}: only an account id ({@code sub}) that says nothing about who signed in. */
        NO_FHIR_USER,
        /** An absolute {@code fhirUser} on another FHIR server than the endpoint's. */
        OTHER_SERVER
    }

    private final Reason reason;
    private final String resourceType;

    public EhrUserNotStaffException(Reason reason, String resourceType, String message) {
        super(message);
        this.reason = reason;
        this.resourceType = resourceType;
    }

    public Reason reason() {
        return reason;
    }

    /** The FHIR resource type the EHR named ({@code Patient}, {@code Person}); {@code null} without a fhirUser. */
    public String resourceType() {
        return resourceType;
    }
}
