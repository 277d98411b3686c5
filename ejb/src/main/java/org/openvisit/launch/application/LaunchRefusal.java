package org.openvisit.launch.application;

import org.openvisit.ehr.SmartSignInException;

/**
 * Why a launch (SMART EHR launch or encrypted context link) was refused: the reason code the audit log keeps and
 * the audit API answers. The web layer decides the HTTP status and the page's words for each; the domain says only
 * which it is.
 */
public enum LaunchRefusal {
    // the launch request
    MISSING_PARAMETER, UNKNOWN_ISSUER, ENDPOINT_NOT_APPROVED, AMBIGUOUS_ISSUER, UNKNOWN_LAUNCH_URL, ISSUER_MISMATCH,
    DISCOVERY_FAILED,
    // the callback from the EHR
    STATE_MISSING, STATE_UNKNOWN, STATE_REUSED, EHR_ACCESS_DENIED, EHR_ERROR, MISSING_CODE, TOKEN_ENDPOINT_ERROR,
    // the EHR's proof of the user (the id_token), one per failed check
    ID_TOKEN_INVALID_JWKS, ID_TOKEN_INVALID_ID_TOKEN, ID_TOKEN_BAD_SIGNATURE, ID_TOKEN_WRONG_ISSUER,
    ID_TOKEN_WRONG_AUDIENCE, ID_TOKEN_EXPIRED, ID_TOKEN_WRONG_NONCE, ID_TOKEN_NO_EHR_USER,
    // what the launch named
    FOREIGN_FHIR_USER, UNSUPPORTED_USER, NO_LAUNCH_CONTEXT, NO_APPOINTMENT, VISIT_NOT_OPENED,
    // the encrypted context link
    MISSING_TOKEN, MALFORMED_TOKEN, UNKNOWN_KEY, TAMPERED_OR_WRONG_KEY, INCOMPLETE_CLAIMS, WRONG_ISSUER, REPLAYED, WINDOW_TOO_LONG,
    NOT_YET_VALID, EXPIRED,
    // the organization's data region: its database cannot be reached now (the other regions' launches go on)
    REGION_UNAVAILABLE,
    // the organization's meeting platform (Microsoft Teams) could not make the visit's meeting
    MEETING_PLATFORM_REFUSED,
    // a clinician's one-time Microsoft sign-in (Teams) did not complete
    TEAMS_SIGN_IN_FAILED;

    /** The refusal of an id_token that failed {@code failure}'s check ({@link #ID_TOKEN_INVALID_ID_TOKEN} for one not listed). */
    public static LaunchRefusal idToken(SmartSignInException.Failure failure) {
        try {
            return valueOf("ID_TOKEN_" + failure.name());
        } catch (IllegalArgumentException notAnIdTokenCheck) {
            return ID_TOKEN_INVALID_ID_TOKEN;
        }
    }

    /** Whether it is about the EHR's proof of the user. */
    public boolean isIdToken() {
        return name().startsWith("ID_TOKEN_");
    }
}
