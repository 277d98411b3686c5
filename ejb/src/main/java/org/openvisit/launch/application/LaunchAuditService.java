package org.openvisit.launch.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.audit.application.AuditTrail;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.launch.domain.model.LaunchAuditEntry;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The launch audit log, kept in each organization's regional store (issue 18). A refusal is written in a transaction of its own, so it is recorded even when
 * the launch's work rolls back; an accepted launch in the transaction that opens its visit. Entries never hold tokens, codes, state or patient data:
 * callers pass the issuer, the endpoint, the EHR user and a reason, nothing else. A launch of a known organization is
 * also an event of the organization's audit trail ({@link AuditTrail}), in the same transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // reads one store at a time, each outside a transaction
public class LaunchAuditService {

    public static final int MAX_PAGE_SIZE = 200;

    private static final Logger LOG = Logger.getLogger(LaunchAuditService.class.getName());

    @EJB
    private RegionDirectory regions;

    @Resource
    private SessionContext context;

    @EJB
    private AuditTrail trail;

    private final Clock clock = Clock.systemUTC();

    /**
     * An accepted launch, written in the launch's own transaction: together with its visit, or not at all (in the
     * visit's regional store).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void accepted(String issuer, UUID endpointId, UUID organizationId, String ehrUserId, @NotNull UUID visitId,
                         @NotNull String reasonCode, @NotNull String reason) {
        regions.ofVisit(visitId).launchAudit().add(LaunchAuditEntry.accepted(clock.instant(), issuer, endpointId,
                organizationId, ehrUserId, visitId, reasonCode, reason));
        if (organizationId != null) {
            trail.recordInTransaction(launch(ehrUserId, organizationId, endpointId, reasonCode)
                    .withVisit(visitId));
        }
    }

    /** A launch for the audit trail: who (the EHR user, when known), where, and the launch log's reason code. */
    private static AuditFact launch(String ehrUserId, UUID organizationId, UUID endpointId, String reasonCode) {
        return AuditFact.of(AuditKind.LAUNCH, AuditActor.ehrUserOrUnidentified(ehrUserId))
                .withOrganization(organizationId).withEndpoint(endpointId).withDetail(reasonCode);
    }

    /**
     * A refused launch, in the organization's regional store (one that names no organization: the home region's),
     * in a transaction of its own. A store that cannot take it now loses the row, never the refusal: the log says so.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void refused(String issuer, UUID endpointId, UUID organizationId, String ehrUserId,
                        @NotNull String reasonCode, @NotNull String reason) {
        DataRegion region = regions.regionOfOrganization(organizationId);
        try {
            context.getBusinessObject(LaunchAuditService.class).write(region, LaunchAuditEntry.refused(clock.instant(),
                    issuer, endpointId, organizationId, ehrUserId, reasonCode, reason));
        } catch (RuntimeException e) {
            if (!(e instanceof RegionUnavailableException) && !RegionUnavailableException.isStoreFailure(e)) {
                throw e;
            }
            LOG.warning(() -> "A launch refusal (" + reasonCode + ") could not be written to the " + region
                    + " store's launch log: its database cannot be reached now.");
        }
    }

    /**
     * A refusal's row, and (when it names an organization: refusals of unknown issuers belong to no organization's
     * trail) its audit event, in one transaction of the region's store.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void write(@NotNull DataRegion region, @NotNull LaunchAuditEntry entry) {
        regions.ready(region).launchAudit().add(entry);
        if (entry.organizationId().isPresent() && entry.outcome() == org.openvisit.launch.domain.model.LaunchOutcome.REFUSED) {
            trail.recordInTransaction(launch(entry.ehrUserId().orElse(null), entry.organizationId().get(),
                    entry.endpointId().orElse(null), entry.reasonCode()).withOutcome(AuditOutcome.MINOR_FAILURE));
        }
    }

    /** An organization's launches, newest first: for its administrators and for operators. */
    public List<LaunchAuditView> ofOrganization(@NotNull Actor actor, @NotNull UUID organizationId, int first, int max) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only the organization's administrators and operators may read its launch log.")
                    .worded("launchLog.forbidden");
        }
        return regions.ofOrganization(organizationId).launchAudit()
                .ofOrganization(organizationId, Math.max(0, first), Math.max(1, Math.min(max, MAX_PAGE_SIZE)))
                .stream().map(LaunchAuditView::of).toList();
    }

    /** All launches, newest first, refusals of unknown issuers included: for operators only. */
    public List<LaunchAuditView> recent(@NotNull Actor actor, int first, int max) {
        if (!actor.hasRole(Role.OPERATOR)) {
            throw new ForbiddenException("Only operators may read the whole launch log.").worded("launchLog.allForbidden");
        }
        int from = Math.max(0, first);
        int size = Math.max(1, Math.min(max, MAX_PAGE_SIZE));
        // each ready region's newest (first + max), merged newest first; a region that is down is left out
        List<LaunchAuditEntry> merged = new java.util.ArrayList<>();
        for (DataRegion region : DataRegion.values()) {
            try {
                merged.addAll(regions.ready(region).launchAudit().recent(0, from + size));
            } catch (RuntimeException e) {
                if (!(e instanceof RegionUnavailableException) && !RegionUnavailableException.isStoreFailure(e)) {
                    throw e;
                }
            }
        }
        merged.sort(java.util.Comparator.comparing(LaunchAuditEntry::occurredAt).reversed());
        return merged.stream().skip(from).limit(size).map(LaunchAuditView::of).toList();
    }
}
