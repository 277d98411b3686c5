package org.openvisit.tenant.domain.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a FHIR endpoint stands in its approval. Only an {@link #APPROVED} endpoint is in service
 * (accepts launches). The status itself knows which actions it allows and where each leads:
 * <pre>
 *   DRAFT             edit -> DRAFT, submit -> AWAITING_APPROVAL, withdraw -> WITHDRAWN
 *   AWAITING_APPROVAL edit -> AWAITING_APPROVAL, record EHR verification -> EHR_VERIFIED,
 *                     reject -> REJECTED, withdraw -> WITHDRAWN
 *   EHR_VERIFIED      edit -> AWAITING_APPROVAL, approve -> APPROVED, reject -> REJECTED, withdraw -> WITHDRAWN
 *   APPROVED          edit -> AWAITING_APPROVAL, withdraw -> WITHDRAWN
 *   REJECTED          edit -> AWAITING_APPROVAL, submit -> AWAITING_APPROVAL, withdraw -> WITHDRAWN
 *   WITHDRAWN         edit -> WITHDRAWN, submit -> AWAITING_APPROVAL
 *   any status        set frame ancestors -> the same status (which sites may frame OpenVisit is no
 *                     matter for the approver: the EHR connection it approved stays as it was)
 * </pre>
 * WITHDRAWN takes an endpoint out of use without deleting it; it is not final: submitted again, it goes
 * through the whole approval, EHR sign-in included (a department that reopens, a withdrawal by mistake).
 * The same organization, environment and URL can then be used again without a second record.
 */
public enum EndpointStatus {
    DRAFT,
    AWAITING_APPROVAL,
    EHR_VERIFIED,
    APPROVED,
    REJECTED,
    WITHDRAWN;

    /** The status {@code action} leads to from this one, or empty when this status does not allow it. */
    public Optional<EndpointStatus> after(EndpointAction action) {
        EndpointStatus next = switch (action) {
            case CREATE -> null;
            case EDIT -> switch (this) {
                case DRAFT, WITHDRAWN -> this;
                case AWAITING_APPROVAL, EHR_VERIFIED, APPROVED, REJECTED -> AWAITING_APPROVAL;
            };
            case SUBMIT -> this == DRAFT || this == REJECTED || this == WITHDRAWN ? AWAITING_APPROVAL : null;
            case RECORD_EHR_VERIFICATION -> this == AWAITING_APPROVAL ? EHR_VERIFIED : null;
            case APPROVE -> this == EHR_VERIFIED ? APPROVED : null;
            case REJECT -> this == AWAITING_APPROVAL || this == EHR_VERIFIED ? REJECTED : null;
            case WITHDRAW -> this == WITHDRAWN ? null : WITHDRAWN;
            case SET_FRAME_ANCESTORS -> this;
        };
        return Optional.ofNullable(next);
    }

    public boolean allows(EndpointAction action) {
        return after(action).isPresent();
    }

    /** The actions this status allows, in declaration order. */
    public Set<EndpointAction> allowedActions() {
        Set<EndpointAction> allowed = EnumSet.noneOf(EndpointAction.class);
        for (EndpointAction action : EndpointAction.values()) {
            if (allows(action)) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    /** Only an approved endpoint accepts launches. */
    public boolean isInService() {
        return this == APPROVED;
    }

    /** Whether an endpoint in this status carries a successful EHR sign-in of its approver. */
    public boolean isEhrVerified() {
        return this == EHR_VERIFIED || this == APPROVED;
    }
}
