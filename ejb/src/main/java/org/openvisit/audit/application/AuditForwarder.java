package org.openvisit.audit.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every ten seconds on every node, in every region whose store is ready: sends the organizations' audit events that
 * wait to be forwarded to their audit repositories ({@link AuditRepository}), {@value #BATCH} at a time, one after the
 * other, outside any transaction; records each outcome in the region's store. A failed attempt is tried again after
 * 30 s, doubling up to an hour, {@value #MAX_ATTEMPTS} attempts in all (about seven hours), then given up with its
 * reason (shown on the audit page); a refused address or a refusal by the repository (HTTP 4xx but 408 and 429) is
 * given up at once. Several nodes forward side by side: each event is taken by one node for
 * {@link AuditOutbox#LEASE}. At least once: a repository that stored an event but answered too late gets it again.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditForwarder {

    static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 12;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(AuditForwarder.class.getName());

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private AuditOutbox outbox;

    @EJB
    private AuditForwardingSettings settings;

    @Inject
    private AuditRepository repository;

    private final ScheduledRounds rounds = new ScheduledRounds("Forwarding the audit events", LOG);
    private final Clock clock = Clock.systemUTC();

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    public void forward() {
        rounds.overRegions(database::readyRegions, this::forward);
    }

    /** One batch of a region's due events. @return how many were taken */
    int forward(DataRegion region) {
        List<AuditOutbox.Claimed> due = outbox.claim(region, BATCH);
        for (AuditOutbox.Claimed claimed : due) {
            AuditEntry entry = claimed.entry();
            Optional<String> target = settings.repositoryOf(entry.fact().organizationId());
            if (target.isEmpty()) {
                outbox.failed(region, entry.id(), "Forwarding was turned off before this event was sent.", null);
                continue;
            }
            int attempt = claimed.attempts() + 1;
            try {
                repository.send(target.get(), entry);
                outbox.sent(region, entry.id());
            } catch (AuditRepository.ForwardFailure f) {
                Instant next = f.permanent() || attempt >= MAX_ATTEMPTS ? null : clock.instant().plus(wait(attempt));
                outbox.failed(region, entry.id(), f.getMessage(), next);
                if (next == null) {
                    LOG.warning(() -> "An audit event of organization " + entry.fact().organizationId()
                            + " was not forwarded, for good: " + f.getMessage());
                }
            }
        }
        return due.size();
    }

    /** How long to wait after the {@code attempt}-th failure: 30 s, 1, 2, 4 … minutes, at most an hour. */
    static Duration wait(int attempt) {
        Duration wait = FIRST_WAIT;
        for (int i = 1; i < attempt && wait.compareTo(MAX_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
