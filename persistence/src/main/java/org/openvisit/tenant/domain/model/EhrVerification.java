package org.openvisit.tenant.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * That the approver signed in to the EHR for the endpoint's FHIR base URL: when, and as which EHR user.
 * Nothing else from the sign-in (no token, no credential, no profile) is kept.
 */
public record EhrVerification(String ehrUserId, Instant verifiedAt) {

    public static final int MAX_EHR_USER_ID_LENGTH = 255;

    public EhrVerification {
        if (ehrUserId == null || ehrUserId.isBlank()) {
            throw new InvalidEndpointException("ehrUserId", "The EHR user id of the approver's EHR sign-in is required.");
        }
        ehrUserId = ehrUserId.strip();
        if (ehrUserId.length() > MAX_EHR_USER_ID_LENGTH || ehrUserId.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidEndpointException("ehrUserId", "The EHR user id must be at most "
                    + MAX_EHR_USER_ID_LENGTH + " characters without control characters.");
        }
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }
}
