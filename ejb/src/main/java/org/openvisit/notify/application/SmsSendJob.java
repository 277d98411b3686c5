package org.openvisit.notify.application;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.notify.domain.model.DueOrganization;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The durable send schedule's drain, on every node, every two seconds: in each ready region, reads which endpoints
 * have sends due, reads their settings from the global store (consents, sending number, language; never in the same
 * transaction as the regional store), then claims and sends batches ({@link SmsSendWork}). Once a minute it forgets
 * the patients' numbers of appointments that started more than {@code openvisit.sms.forget-after} (PT6H) ago, or
 * that were cancelled and told.
 */
@Singleton
@DependsOn("OpenVisitDatabase")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmsSendJob {

    static final int BATCH = 100;
    static final int MAX_BATCHES = 50;
    private static final Logger LOG = Logger.getLogger(SmsSendJob.class.getName());

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private SmsSendWork work;

    @EJB
    private SmsFeedLookup lookup;

    @EJB
    private org.openvisit.region.application.RegionMoves regionMoves;

    @Inject
    @ConfigProperty(name = "openvisit.sms.forget-after", defaultValue = "PT6H")
    private Duration forgetAfter;

    private final ScheduledRounds drains = new ScheduledRounds("The SMS send job", LOG);
    private final ScheduledRounds forgetting = new ScheduledRounds("Forgetting the patients' SMS numbers", LOG);
    private final Clock clock = Clock.systemUTC();

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    public void drain() {
        drains.overRegions(database::readyRegions, region -> drain(region, clock.instant()));
    }

    void drain(DataRegion region, Instant now) {
        Map<UUID, SendContext> contexts = new HashMap<>();
        // an organization being moved to another region: its sends wait (in both regions) until the move is done
        java.util.Set<UUID> moving = regionMoves.pausedOrganizations();
        for (DueOrganization due : work.due(region, now, 1000)) {
            if (moving.contains(due.organizationId())) {
                continue;
            }
            lookup.sendContext(due.organizationId(), due.endpointId()).ifPresent(c -> contexts.put(due.endpointId(), c));
        }
        if (contexts.isEmpty()) {
            return;
        }
        for (int i = 0; i < MAX_BATCHES; i++) {
            if (work.sendDue(region, contexts, now, BATCH) < BATCH) {
                return;
            }
        }
    }

    @Schedule(second = "41", minute = "*", hour = "*", persistent = false)
    public void forgetNumbers() {
        Instant before = clock.instant().minus(forgetAfter);
        forgetting.overRegions(database::readyRegions, region -> {
            int forgotten = work.forgetPhones(region, before, 1000);
            if (forgotten > 0) {
                LOG.info(() -> "SMS: forgot the patients' numbers of " + forgotten + " appointments in " + region);
            }
        });
    }
}
