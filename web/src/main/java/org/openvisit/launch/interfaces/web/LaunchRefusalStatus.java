package org.openvisit.launch.interfaces.web;

import org.openvisit.launch.application.LaunchRefusal;

/** The HTTP status the launch's refusal page answers with, for each reason. */
final class LaunchRefusalStatus {

    private LaunchRefusalStatus() {
    }

    static int of(LaunchRefusal reason) {
        if (reason.isIdToken()) {
            return 401;
        }
        return switch (reason) {
            case UNKNOWN_LAUNCH_URL -> 404;
            case ENDPOINT_NOT_APPROVED, EHR_ACCESS_DENIED, FOREIGN_FHIR_USER, UNSUPPORTED_USER, UNKNOWN_KEY,
                 TAMPERED_OR_WRONG_KEY, WRONG_ISSUER, REPLAYED, WINDOW_TOO_LONG, NOT_YET_VALID, EXPIRED -> 403;
            case VISIT_NOT_OPENED -> 409;
            case DISCOVERY_FAILED, EHR_ERROR, TOKEN_ENDPOINT_ERROR, MEETING_PLATFORM_REFUSED, TEAMS_SIGN_IN_FAILED -> 502;
            case REGION_UNAVAILABLE -> 503;
            default -> 400;
        };
    }
}
