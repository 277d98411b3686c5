package org.openvisit.notify.domain.model;

import java.util.Optional;

/**
 * Where a sending number stands. Provisioning is asynchronous (a carrier may take minutes):
 * <pre>
 *   REQUESTED    start -> IN_PROGRESS, fail -> FAILED
 *   IN_PROGRESS  activate -> ACTIVE, fail -> FAILED
 *   FAILED       retry -> REQUESTED, release -> RELEASED
 *   ACTIVE       link, unlink -> ACTIVE, release -> RELEASED
 *   RELEASED     (final: the number went back to the carrier)
 * </pre>
 */
public enum SmsNumberStatus {
    REQUESTED,
    IN_PROGRESS,
    ACTIVE,
    FAILED,
    RELEASED;

    /** The status {@code action} leads to from this one, or empty when this status does not allow it. */
    public Optional<SmsNumberStatus> after(SmsNumberAction action) {
        SmsNumberStatus next = switch (action) {
            case REQUEST -> null;
            case START -> this == REQUESTED ? IN_PROGRESS : null;
            case ACTIVATE -> this == IN_PROGRESS ? ACTIVE : null;
            case FAIL -> this == REQUESTED || this == IN_PROGRESS ? FAILED : null;
            case RETRY -> this == FAILED ? REQUESTED : null;
            case RELEASE -> this == ACTIVE || this == FAILED ? RELEASED : null;
            case LINK, UNLINK -> this == ACTIVE ? ACTIVE : null;
        };
        return Optional.ofNullable(next);
    }

    /** The provisioning job still has work to do (the portal shows progress and polls). */
    public boolean isUnfinished() {
        return this == REQUESTED || this == IN_PROGRESS;
    }
}
