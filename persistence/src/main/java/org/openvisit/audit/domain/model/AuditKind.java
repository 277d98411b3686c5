package org.openvisit.audit.domain.model;

/**
 * What an audit event records. Each kind is written where its action happens (the application service), shown as
 * words in the portal and mapped to an AuditEvent type and subtype (DICOM / BALP) when exported.
 */
public enum AuditKind {
    /** A password (or second-factor, or identity-provider) sign-in to the portal or the API, or its failure. */
    SIGN_IN,
    /** A clinician's or patient's launch from the EHR, accepted or refused. */
    LAUNCH,
    /** An endpoint sent for approval (also: sent back by an edit). */
    ENDPOINT_SUBMITTED,
    /** The approver's EHR sign-in recorded for an endpoint. */
    ENDPOINT_VERIFIED,
    ENDPOINT_APPROVED,
    ENDPOINT_REJECTED,
    ENDPOINT_WITHDRAWN,
    /** A key or secret generated: an endpoint's context-link key or write-back key, an installation secret. */
    KEY_GENERATED,
    /** A clinician let a waiting patient or guest into the call. */
    ADMITTED,
    /** A clinician removed a patient or guest from the visit (their link is revoked). */
    REMOVED,
    /** A visit event written back to the EHR (success) or given up (serious failure). */
    WRITE_BACK,
    /** Data taken out of OpenVisit as a file or an API answer: a report export, an audit export. */
    EXPORT,
    /** The organization's audit forwarding was set, changed or turned off. */
    AUDIT_SETTINGS_CHANGED,
    /** An operator lifted an account's sign-in lockout and delay. */
    SIGN_IN_UNLOCKED,
    /** An operator removed another account's second factor (sign-in codes). */
    SECOND_FACTOR_RESET,
    /** An administrator had a write-back that had failed for good tried again. */
    WRITE_BACK_RETRIED,
    /** An administrator dropped a write-back that had failed for good: it is never delivered. */
    WRITE_BACK_DISCARDED,
    /** A portal account's roles changed, or its password reset by an administrator (a one-time password). */
    ACCOUNT_CHANGED,
    /** An organization's name, EHR or patients' language changed. */
    ORGANIZATION_CHANGED;

    /** Kinds of an organization's approval steps, for filters. */
    public boolean isApprovalStep() {
        return name().startsWith("ENDPOINT_");
    }
}
