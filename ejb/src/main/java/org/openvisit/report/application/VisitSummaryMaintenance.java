package org.openvisit.report.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.report.domain.model.HourKey;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Summaries made again outside the visit's own events: the sweep (visits without a summary yet, open visits whose
 * no-show deadline passed) and an operator's rebuild of every summary from the events. One transaction per visit,
 * on the visit's store.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VisitSummaryMaintenance {

    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(VisitSummaryMaintenance.class.getName());

    @EJB
    private RegionDirectory regions;

    @EJB
    private OpenVisitDatabase database;

    @Inject
    private ReportSettings settings;

    @EJB
    private EndpointEnvironments environments;

    @Resource
    private SessionContext context;

    private final Clock clock = Clock.systemUTC();

    /** One visit's summary, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean refresh(@NotNull DataRegion region, @NotNull UUID visitId) {
        return SummaryWriter.refresh(regions.ready(region), environments, visitId, settings.noShowGrace(), clock.instant());
    }

    /**
     * The sweep's work in one region: up to {@link #BATCH} visits whose summary is due, then up to
     * {@link #ROLL_UP_BATCH} marked hours of report figures made again (see
     * {@link org.openvisit.report.domain.model.VisitSummaryRepository#needingRefresh}), looking for visits without one
     * among those created since {@code createdSince} (null: all).
     *
     * @return how many were due (a full {@link #BATCH}: there may be more)
     */
    public int sweep(@NotNull DataRegion region, Instant createdSince) {
        List<UUID> due = regions.ready(region).visitSummaries().needingRefresh(clock.instant(), createdSince, BATCH);
        for (UUID visitId : due) {
            try {
                self().refresh(region, visitId);
            } catch (RuntimeException e) {
                LOG.warning(() -> "The report summary of a visit in " + region + " could not be made now: "
                        + e.getClass().getSimpleName());
            }
        }
        rollUp(region, null, ROLL_UP_BATCH);
        return due.size();
    }

    /** Hours made again per region and sweep (about 5 ms each): the marks of an upgrade are made within the hour. */
    static final int ROLL_UP_BATCH = 2_000;

    /** One marked hour's figures made again, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void makeHour(@NotNull DataRegion region, @NotNull HourKey hour) {
        regions.ready(region).visitSummaries().makeHour(hour, clock.instant());
    }

    /** Marks every hour of an organization (null: all), in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markAllHours(@NotNull DataRegion region, UUID organizationId) {
        regions.ready(region).visitSummaries().markAllHours(organizationId, clock.instant());
    }

    /**
     * Makes up to {@code max} marked hours of one organization (null: any) again, each in its own transaction (one
     * that fails, say because another node made the same hour at once, keeps its marks for the next time).
     *
     * @return how many were made
     */
    int rollUp(DataRegion region, UUID organizationId, int max) {
        List<HourKey> due = regions.ready(region).visitSummaries().markedHours(organizationId, max);
        int made = 0;
        for (HourKey hour : due) {
            try {
                self().makeHour(region, hour);
                made++;
            } catch (RuntimeException e) {
                LOG.fine(() -> "The report figures of an hour in " + region + " were not made now: "
                        + e.getClass().getSimpleName());
            }
        }
        return made;
    }

    /**
     * Makes every summary of one organization (or of all, {@code organizationId} null) again from the events: for
     * operators, after a change of definitions or of the no-show grace.
     *
     * @return how many visits were summarized
     */
    public long rebuild(@NotNull Actor actor, UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR)) {
            throw new ForbiddenException("Only operators may rebuild the report summaries.")
                    .worded("reports.rebuildForbidden");
        }
        long done = 0;
        for (DataRegion region : database.readyRegions()) {
            if (organizationId != null && regions.regionOfOrganization(organizationId) != region) {
                continue;
            }
            String after = null;
            while (true) {
                List<UUID> ids = regions.ready(region).visitSummaries().visitIds(organizationId, after, BATCH);
                for (UUID id : ids) {
                    if (self().refresh(region, id)) {
                        done++;
                    }
                }
                if (ids.size() < BATCH) {
                    break;
                }
                after = ids.get(ids.size() - 1).toString();
            }
            // and every hour's figures made again from the summaries (the hours of visits gone, too)
            self().markAllHours(region, organizationId);
            for (int round = 0; round < 10_000 && rollUp(region, organizationId, ROLL_UP_BATCH) > 0; round++) {
                // until no hour is marked
            }
        }
        long total = done;
        LOG.info(() -> actor.username() + " rebuilt " + total + " report summaries"
                + (organizationId == null ? "" : " of organization " + organizationId) + ".");
        return done;
    }

    private VisitSummaryMaintenance self() {
        return context.getBusinessObject(VisitSummaryMaintenance.class);
    }
}
