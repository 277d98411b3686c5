package org.openvisit.launch.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.validation.constraints.NotNull;
import org.openvisit.shared.domain.model.ConflictException;
import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.visit.application.LaunchTarget;
import org.openvisit.visit.application.OpenedVisit;
import org.openvisit.visit.application.VisitOrchestrationService;

import java.util.Optional;

/**
 * Accepts a checked launch: its visit opened (or found), its clinician, its EHR references and its
 * audit row, all in one transaction, so a launch is recorded exactly when its visit is. Concurrent
 * launches of one appointment (double clicks, several clinicians, several nodes) that lose a race to
 * the database's unique keys roll back and run again, and then find what the winner stored.
 */
@Stateless
public class LaunchAcceptance {

    static final int ATTEMPTS = 8;

    @EJB
    private VisitOrchestrationService visits;

    @EJB
    private LaunchAuditService audit;

    @Resource
    private SessionContext context;

    /**
     * @throws ConflictException the endpoint is not approved (any more), or the launch kept losing races
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public OpenedVisit accept(@NotNull AcceptedLaunch launch) {
        LaunchAcceptance self = context.getBusinessObject(LaunchAcceptance.class);
        LaunchTarget target = visits.launchTarget(launch.endpointId()); // the global store, before the regional work
        for (int attempt = 1; ; attempt++) {
            Optional<OpenedVisit> opened;
            try {
                opened = self.tryAccept(launch, target);
            } catch (RegionUnavailableException e) {
                throw e;
            } catch (EJBException | PersistenceException e) {
                if (!RegionUnavailableException.isStoreFailure(e)) {
                    throw e;
                }
                // the organization's regional store failed (its database went down): its launches are refused
                throw new RegionUnavailableException(target.region(), e);
            }
            if (opened.isPresent()) {
                return opened.get();
            }
            if (attempt >= ATTEMPTS) {
                throw new ConflictException("The visit could not be opened: too many launches at once. Please try again.");
            }
            pause(attempt); // the winner's transaction may not have committed yet
        }
    }

    /** One attempt, in a transaction of its own; empty (and rolled back) when another launch was first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<OpenedVisit> tryAccept(@NotNull AcceptedLaunch launch, @NotNull LaunchTarget target) {
        Optional<OpenedVisit> opened = visits.tryOpen(launch.opening(), target);
        opened.ifPresent(o -> audit.accepted(launch.issuer(), launch.endpointId(), launch.organizationId(),
                launch.opening().ehrUserId(), o.visit().id(), launch.reasonCode(), launch.reason(o.created())));
        return opened;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("The visit could not be opened (interrupted).");
        }
    }
}
