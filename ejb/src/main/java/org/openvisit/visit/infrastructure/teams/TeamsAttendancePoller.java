package org.openvisit.visit.infrastructure.teams;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.ehr.graph.AttendanceRecord;
import org.openvisit.ehr.graph.AttendanceReport;
import org.openvisit.ehr.graph.GraphClient;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.ehr.graph.TeamsGraph;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.tenant.application.TeamsConnection;
import org.openvisit.tenant.application.TeamsSettingsService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reads the attendance reports of the visits' Teams meetings and records what they show as visit events. Every
 * {@value #SCHEDULE_SECONDS} seconds on every node, for each ready region: up to {@code openvisit.teams.attendance-batch}
 * (default {@value #DEFAULT_BATCH}) due watches, claimed for {@link #LEASE} so that nodes share the work without
 * reading one meeting twice at once; for each, the meeting's reports and their records from Graph (outside any
 * transaction; Graph's own retry rules), then one short transaction recording the new edges and, once the meeting is
 * over (or the organizer is back after the end), the visit's end or restart ({@link MeetingOver}). When to read again:
 * {@link AttendancePollPlan}, with {@code openvisit.teams.attendance-interval-seconds} (default 120) while the visit is
 * open. A run that is still busy when the next is due lets that one pass.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TeamsAttendancePoller {

    static final int SCHEDULE_SECONDS = 10;
    static final int DEFAULT_BATCH = 20;
    /** Longer than a batch's reads can take (each Graph request at most about 16 s with its retries). */
    static final Duration LEASE = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(TeamsAttendancePoller.class.getName());

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private TeamsAttendanceWork work;

    @EJB
    private TeamsSettingsService settings;

    @Inject
    private TeamsGraph graph;

    @Inject
    private AttendancePlanning planning;

    @Inject
    @ConfigProperty(name = "openvisit.teams.attendance-batch", defaultValue = "" + DEFAULT_BATCH)
    private int batch;

    private final ScheduledRounds rounds = new ScheduledRounds("The Teams attendance poll", LOG);
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void check() {
        if (batch < 1 || batch > 500) {
            throw new IllegalStateException("openvisit.teams.attendance-batch must be 1-500, not " + batch);
        }
    }

    @Schedule(second = "*/" + SCHEDULE_SECONDS, minute = "*", hour = "*", persistent = false)
    public void poll() {
        rounds.overRegions(database::readyRegions, region -> work.claimDue(region, clock.instant(), LEASE, batch)
                .forEach(this::read));
    }

    /** One meeting: its reports and records from Graph, then the new edges recorded. */
    void read(TeamsAttendanceWork.Claimed claimed) {
        AttendancePollPlan plan = planning.plan();
        List<AttendanceReport> reports;
        List<AttendanceRecord> records = new ArrayList<>();
        String tenant;
        try {
            TeamsConnection connection = settings.connection(claimed.organizationId());
            tenant = connection.app().tenantId();
            GraphClient client = graph.client();
            reports = client.attendanceReports(connection.app(), claimed.organizer(), claimed.meetingId());
            for (AttendanceReport report : reports) {
                records.addAll(client.attendanceRecords(connection.app(), claimed.organizer(), claimed.meetingId(),
                        report.id()));
            }
        } catch (GraphFailure failure) {
            LOG.info(() -> "Teams attendance of visit " + claimed.visitId() + " not read: " + failure.kind());
            work.failed(claimed.visitId(), failure.getMessage(), failure.retryAfter().orElse(null), clock.instant(),
                    plan);
            return;
        }
        int recorded = work.record(claimed.visitId(), AttendanceRead.of(claimed.visitId(), tenant, reports, records),
                clock.instant(), plan, planning.meetingOver());
        if (recorded > 0) {
            LOG.fine(() -> "Teams attendance of visit " + claimed.visitId() + ": " + recorded + " new events");
        }
    }
}
