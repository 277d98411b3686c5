package org.openvisit.audit.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.validation.constraints.NotNull;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.InstallationAuditRecord;
import org.openvisit.audit.domain.model.InstallationAuditRepository;
import org.openvisit.audit.domain.model.OrganizationAuditRecord;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The one way to record what happened (issue 20). Services call it where the action happens, with an
 * {@link AuditFact} built from OpenVisit's own values; this decides the store: an organization's event goes to the
 * organization's regional store (its region from the visit's id or the organization, so never without the region in
 * hand), the installation's own to the global store.
 * <p>
 * A transaction stays within one store (Payara enlists one non-XA resource per transaction), so:
 * <ul>
 * <li>{@link #recordInTransaction}: in the caller's transaction, which is on the event's store (a launch, an admission,
 *     a write-back outcome in the visit's regional store; an installation event in a global transaction): the event
 *     commits with the action or not at all;</li>
 * <li>{@link #recordAfterGlobalChange}: for a change in a transaction of the global store (an approval step, a key,
 *     a sign-in): an installation event joins it; an organization's is written once it committed, in a transaction
 *     of its own in the regional store (if that write fails, the action stands and the log says the event is lost);</li>
 * <li>{@link #record}: now, in a transaction of its own (a refusal that rolls its action back, an export).</li>
 * </ul>
 * Whether an organization's event waits to be forwarded to its audit repository is decided when it is written
 * ({@link AuditForwardingSettings}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    @EJB
    private RegionDirectory regions;

    @Inject
    private InstallationAuditRepository installation;

    @EJB
    private AuditForwardingSettings forwarding;

    @Resource
    private SessionContext context;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private final Clock clock = Clock.systemUTC();

    /** In the caller's transaction, which must be on the store the event belongs to. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordInTransaction(@NotNull AuditFact fact) {
        write(fact);
    }

    /** Now, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(@NotNull AuditFact fact) {
        write(fact);
    }

    /**
     * For an action in a transaction of the global store (or in none): an installation event in that transaction, an
     * organization's event once it committed (nothing when it rolled back).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void recordAfterGlobalChange(@NotNull AuditFact fact) {
        AuditTrail self = context.getBusinessObject(AuditTrail.class);
        if (transactions.getTransactionKey() == null) {
            recordSafely(self, fact);
        } else if (!fact.ofOrganization()) {
            self.recordInTransaction(fact);
        } else {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing before the action commits
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        recordSafely(self, fact);
                    }
                }
            });
        }
    }

    private static void recordSafely(AuditTrail self, AuditFact fact) {
        try {
            self.record(fact);
        } catch (RuntimeException e) {
            LOG.warning(() -> "An audit event (" + fact.kind() + ", " + fact.outcome() + ") of organization "
                    + fact.organizationId() + " could not be written: " + e.getClass().getSimpleName()
                    + " (its regional store may be down).");
        }
    }

    private void write(AuditFact fact) {
        var now = clock.instant();
        if (!fact.ofOrganization()) {
            installation.add(InstallationAuditRecord.of(UUID.randomUUID(), now, fact));
            return;
        }
        DataRegion region = fact.visitId() != null ? regions.regionOfVisit(fact.visitId())
                : regions.regionOfOrganization(fact.organizationId());
        boolean forward = forwarding.repositoryOf(fact.organizationId()).isPresent();
        regions.ready(region).auditTrail().add(OrganizationAuditRecord.of(region.newRecordId(), now, fact, forward));
    }
}
