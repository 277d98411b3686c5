package org.openvisit.launch.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.validation.constraints.NotNull;
import org.openvisit.shared.domain.model.ConflictException;
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
        for (int attempt = 1; ; attempt++) {
            Optional<OpenedVisit> opened = self.tryAccept(launch);
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
    public Optional<OpenedVisit> tryAccept(@NotNull AcceptedLaunch launch) {
        Optional<OpenedVisit> opened = visits.tryOpen(launch.opening());
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
