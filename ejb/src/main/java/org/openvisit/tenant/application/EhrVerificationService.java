package org.openvisit.tenant.application;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openvisit.ehr.SmartAuthorization;
import org.openvisit.ehr.SmartClient;
import org.openvisit.ehr.SmartConfiguration;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.EhrUserNotStaffException;
import org.openvisit.tenant.domain.model.EndpointActionForbiddenException;
import org.openvisit.tenant.domain.model.EndpointChangedDuringSignInException;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.IllegalEndpointTransitionException;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The approver's EHR sign-in for an endpoint (PRODUCT.md §1 item 4): a SMART standalone launch against the
 * endpoint's FHIR base URL with the scopes {@value SmartClient#SIGN_IN_SCOPE}. {@link #begin} checks that the
 * actor is the endpoint's named approver and that the endpoint awaits approval, discovers the EHR, starts
 * the authorization and binds it to the endpoint as it is then (FHIR base URL, version, last history row);
 * {@link #complete} exchanges the code, checks the id_token and records the verification (EHR_VERIFIED) in
 * one transaction that also checks that the EHR user is EHR staff (a Practitioner or PractitionerRole of this
 * EHR) and that the endpoint did not change meanwhile. Not a transaction itself: the outbound calls happen
 * outside any, the recording is one. Nothing from the sign-in is kept but the fact, the time and the EHR user id.
 */
@ApplicationScoped
public class EhrVerificationService {

    /** How long a started sign-in may take before its callback is refused. */
    public static final Duration SIGN_IN_LIFETIME = Duration.ofMinutes(10);

    @EJB
    private EndpointService endpoints;

    @Inject
    private SmartClient smart;

    private final Clock clock = Clock.systemUTC();

    /**
     * Starts the approver's EHR sign-in.
     *
     * @param redirectUri OpenVisit's callback address as the EHR's app registration lists it
     * @throws EndpointNotFoundException           no such endpoint visible to the actor
     * @throws EndpointActionForbiddenException    the actor is not the endpoint's named approver
     * @throws IllegalEndpointTransitionException  the endpoint does not await approval
     * @throws SmartSignInException                the FHIR base URL is unreachable or no SMART server
     */
    public PendingEhrSignIn begin(Actor actor, UUID endpointId, String redirectUri) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(redirectUri, "redirectUri");
        EndpointView endpoint = endpoints.find(actor, Objects.requireNonNull(endpointId, "endpointId"));
        requireApprover(actor, endpoint);
        if (endpoint.status() != EndpointStatus.AWAITING_APPROVAL) {
            throw new IllegalEndpointTransitionException(endpoint.status(), EndpointAction.RECORD_EHR_VERIFICATION);
        }
        SmartConfiguration configuration = smart.discover(endpoint.baseUrl());
        SmartAuthorization authorization = smart.authorization(configuration, redirectUri, SmartClient.SIGN_IN_SCOPE);
        return new PendingEhrSignIn(endpointId, actor.username(), clock.instant(), authorization, endpoint.baseUrl(),
                endpoint.version(), endpoint.history().get(endpoint.history().size() - 1).sequence());
    }

    /**
     * Completes the sign-in with the code the EHR sent back and records it.
     *
     * @throws SmartSignInException                  the code exchange or the id_token check failed (nothing recorded)
     * @throws EhrUserNotStaffException              a patient, a proxy, no fhirUser: no staff access proven
     * @throws EndpointChangedDuringSignInException  the endpoint changed since {@link #begin}: discarded
     * @throws ConcurrentEndpointChangeException     it changed while this was being recorded: discarded
     */
    public EndpointView complete(Actor actor, PendingEhrSignIn pending, String code) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(pending, "pending");
        String ehrUser = smart.completeSignIn(pending.authorization(), code);
        return endpoints.recordEhrVerification(actor, pending.endpointId(), pending.signIn(ehrUser));
    }

    /** Whether a sign-in started at {@code pending.startedAt()} is too old to be completed. */
    public boolean expired(PendingEhrSignIn pending) {
        return pending.startedAt().plus(SIGN_IN_LIFETIME).isBefore(clock.instant());
    }

    /** The same rule as the model's, checked before sending anybody to the EHR. */
    private static void requireApprover(Actor actor, EndpointView endpoint) {
        if (!actor.hasRoleIn(Role.EHR_ANALYST, endpoint.organizationId())
                || !actor.isNamed(new PortalUsername(endpoint.approver()))) {
            throw new EndpointActionForbiddenException(EndpointAction.RECORD_EHR_VERIFICATION, "Only the approver "
                    + "named for this endpoint (" + endpoint.approver() + "), signed in with the EHR analyst role of "
                    + "its organization, may sign in to the EHR to verify it.");
        }
    }
}
