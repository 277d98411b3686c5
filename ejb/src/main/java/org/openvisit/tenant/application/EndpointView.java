package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A FHIR endpoint with its approval and its whole history, for the endpoint's own page.
 *
 * @param label          the department or sub-organization; {@code null} when none
 * @param inService      whether it accepts launches (only when APPROVED)
 * @param ehrVerifiedAt  when the approver signed in to the EHR; {@code null} unless EHR_VERIFIED or APPROVED
 * @param ehrUserId      as which EHR user; {@code null} unless EHR_VERIFIED or APPROVED
 * @param allowedActions what the current status allows; who may do each is checked when it is asked for
 * @param version        what to pass back as the expected version when editing it
 * @param history        every action so far, oldest first
 * @param sharedEhr      the organization's administrator confirmed the URL as a shared EHR
 * @param sharedWith     for operators only: the other organizations with an endpoint at this URL (empty when none);
 *                       {@code null} for everybody else, who never learns them
 */
public record EndpointView(UUID id, UUID organizationId, String baseUrl, FhirEnvironment environment, String label,
                           String approver, EndpointStatus status, boolean inService, Instant ehrVerifiedAt,
                           String ehrUserId, Set<EndpointAction> allowedActions, Instant createdAt, long version,
                           List<StatusChangeView> history, boolean sharedEhr, List<SharingOrganization> sharedWith)
        implements Serializable {

    public EndpointView {
        allowedActions = Set.copyOf(allowedActions);
        history = List.copyOf(history);
        sharedWith = sharedWith == null ? null : List.copyOf(sharedWith);
    }

    static EndpointView of(FhirEndpoint endpoint) {
        return of(endpoint, null);
    }

    /** @param sharedWith the other organizations at this URL, for an operator; {@code null} for anybody else */
    static EndpointView of(FhirEndpoint endpoint, List<SharingOrganization> sharedWith) {
        var verification = endpoint.ehrVerification();
        return new EndpointView(endpoint.id(), endpoint.organizationId(), endpoint.baseUrl().value(),
                endpoint.environment(), endpoint.label().orElse(null), endpoint.approver().value(), endpoint.status(),
                endpoint.isInService(), verification.map(v -> v.verifiedAt()).orElse(null),
                verification.map(v -> v.ehrUserId()).orElse(null), endpoint.status().allowedActions(),
                endpoint.createdAt(), endpoint.version(),
                endpoint.history().stream().map(StatusChangeView::of).toList(), endpoint.isSharedEhr(), sharedWith);
    }
}
