package org.openvisit.launch.application;

import org.openvisit.visit.application.VisitOpening;

import java.util.Objects;
import java.util.UUID;

/**
 * A launch that passed every check: which EHR launched it ({@code issuer}, endpoint, organization), the
 * visit it opens, and how the audit log names it ({@code reasonCode}, e.g. {@code PROVIDER_LAUNCH}, and
 * {@code via}, e.g. " from a context link").
 */
public record AcceptedLaunch(String issuer, UUID endpointId, UUID organizationId, VisitOpening opening,
                             String reasonCode, String via) {

    public AcceptedLaunch {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(opening, "opening");
        Objects.requireNonNull(reasonCode, "reasonCode");
        via = via == null ? "" : via;
    }

    /** The audit log's sentence for it: "Visit opened for a clinician.", "Visit found from a context link for the patient." */
    String reason(boolean created) {
        return (created ? "Visit opened" : "Visit found") + via
                + (opening.isPatient() ? " for the patient." : " for a clinician.");
    }
}
