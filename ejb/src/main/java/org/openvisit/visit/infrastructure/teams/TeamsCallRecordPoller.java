package org.openvisit.visit.infrastructure.teams;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.ehr.graph.CallRecord;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.ehr.graph.TeamsGraph;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.tenant.application.TeamsConnection;
import org.openvisit.tenant.application.TeamsSettingsService;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Reads the Teams call records Graph announced ({@link TeamsCallRecordWork#queue}) and adds their media streams'
 * figures to the visits' call quality. Every {@value #SCHEDULE_SECONDS} seconds on every node, for each ready region: up
 * to {@value #BATCH} due records, claimed for {@link #LEASE}; for each, {@code GET /communications/callRecords/{id}}
 * with its sessions and segments (outside any transaction), then one short transaction. A record of no visit's meeting
 * (the organization's other Teams calls) is dropped without reading further; after a failure the wait doubles.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TeamsCallRecordPoller {

    static final int SCHEDULE_SECONDS = 10;
    static final int BATCH = 20;
    static final Duration LEASE = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(TeamsCallRecordPoller.class.getName());

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private TeamsCallRecordWork work;

    @EJB
    private TeamsSettingsService settings;

    @Inject
    private TeamsGraph graph;

    private final ScheduledRounds rounds = new ScheduledRounds("The Teams call record read", LOG);
    private final Clock clock = Clock.systemUTC();

    @Schedule(second = "*/" + SCHEDULE_SECONDS, minute = "*", hour = "*", persistent = false)
    public void poll() {
        rounds.overRegions(database::readyRegions, region -> work.claimDue(region, clock.instant(), LEASE, BATCH)
                .forEach(this::read));
    }

    void read(TeamsCallRecordWork.Claimed claimed) {
        CallRecord record;
        String tenant;
        try {
            TeamsConnection connection = settings.connection(claimed.organizationId());
            tenant = connection.app().tenantId();
            record = graph.client().callRecord(connection.app(), claimed.callRecordId()).orElse(null);
        } catch (GraphFailure failure) {
            LOG.info(() -> "Teams call record of organization " + claimed.organizationId() + " not read: "
                    + failure.kind());
            work.failed(claimed.organizationId(), claimed.callRecordId(), failure.getMessage(),
                    failure.retryAfter().orElse(null), clock.instant());
            return;
        }
        TeamsCallRecordWork.Outcome outcome = work.record(claimed.organizationId(), claimed.callRecordId(), record,
                tenant, clock.instant());
        LOG.fine(() -> "Teams call record of organization " + claimed.organizationId() + ": " + outcome);
    }
}
