package org.openvisit.tenant.domain.model;

import org.openvisit.shared.domain.model.ConflictException;

/**
 * The endpoint changed while its approver was signing in to the EHR (its FHIR base URL was edited, it was
 * withdrawn or rejected, or anything else about it changed), so the sign-in no longer proves anything about
 * it: the result is discarded and nothing is recorded. {@link #change()} says what changed, for a message in
 * the analyst's language.
 */
public class EndpointChangedDuringSignInException extends ConflictException {

    /** What is different from when the sign-in started. */
    public enum Change {
        /** The FHIR base URL is another one now. */
        BASE_URL,
        /** The endpoint is in another status now (withdrawn, rejected, verified meanwhile). */
        STATUS,
        /** Something else about it was changed (the department, the approver, a setting). */
        OTHER
    }

    private final Change change;
    private final String signedInAt;
    private final String currentBaseUrl;
    private final EndpointStatus currentStatus;

    public EndpointChangedDuringSignInException(Change change, String signedInAt, String currentBaseUrl,
                                                EndpointStatus currentStatus) {
        super(message(change, signedInAt, currentBaseUrl, currentStatus));
        this.change = change;
        this.signedInAt = signedInAt;
        this.currentBaseUrl = currentBaseUrl;
        this.currentStatus = currentStatus;
    }

    private static String message(Change change, String signedInAt, String currentBaseUrl, EndpointStatus status) {
        String what = switch (change) {
            case BASE_URL -> "The endpoint's FHIR base URL was changed to " + currentBaseUrl + " while you were "
                    + "signing in at " + signedInAt + ".";
            case STATUS -> "The endpoint was changed while you were signing in to the EHR; it is " + status + " now.";
            case OTHER -> "The endpoint was changed by someone else while you were signing in to the EHR.";
        };
        return what + " Your sign-in was discarded and nothing was recorded. Check the endpoint and sign in again.";
    }

    public Change change() {
        return change;
    }

    /** The FHIR base URL the approver signed in at. */
    public String signedInAt() {
        return signedInAt;
    }

    public String currentBaseUrl() {
        return currentBaseUrl;
    }

    public EndpointStatus currentStatus() {
        return currentStatus;
    }
}
