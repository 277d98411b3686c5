package org.openvisit.launch.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.launch.domain.model.LaunchAuditEntry;
import org.openvisit.launch.domain.model.LaunchAuditRepository;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The launch audit log. A refusal is written in a transaction of its own, so it is recorded even when
 * the launch's work rolls back; an accepted launch in the transaction that opens its visit. Entries never hold tokens, codes, state or patient data:
 * callers pass the issuer, the endpoint, the EHR user and a reason, nothing else.
 */
@Stateless
public class LaunchAuditService {

    public static final int MAX_PAGE_SIZE = 200;

    @Inject
    private LaunchAuditRepository audit;

    private final Clock clock = Clock.systemUTC();

    /** An accepted launch, written in the launch's own transaction: together with its visit, or not at all. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void accepted(String issuer, UUID endpointId, UUID organizationId, String ehrUserId, @NotNull UUID visitId,
                         @NotNull String reasonCode, @NotNull String reason) {
        audit.add(LaunchAuditEntry.accepted(clock.instant(), issuer, endpointId, organizationId, ehrUserId, visitId,
                reasonCode, reason));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(String issuer, UUID endpointId, UUID organizationId, String ehrUserId,
                        @NotNull String reasonCode, @NotNull String reason) {
        audit.add(LaunchAuditEntry.refused(clock.instant(), issuer, endpointId, organizationId, ehrUserId,
                reasonCode, reason));
    }

    /** An organization's launches, newest first: for its administrators and for operators. */
    public List<LaunchAuditView> ofOrganization(@NotNull Actor actor, @NotNull UUID organizationId, int first, int max) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only the organization's administrators and operators may read its launch log.");
        }
        return audit.ofOrganization(organizationId, Math.max(0, first), Math.max(1, Math.min(max, MAX_PAGE_SIZE)))
                .stream().map(LaunchAuditView::of).toList();
    }

    /** All launches, newest first, refusals of unknown issuers included: for operators only. */
    public List<LaunchAuditView> recent(@NotNull Actor actor, int first, int max) {
        if (!actor.hasRole(Role.OPERATOR)) {
            throw new ForbiddenException("Only operators may read the whole launch log.");
        }
        return audit.recent(Math.max(0, first), Math.max(1, Math.min(max, MAX_PAGE_SIZE))).stream()
                .map(LaunchAuditView::of).toList();
    }
}
