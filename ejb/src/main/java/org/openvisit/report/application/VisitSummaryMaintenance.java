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
     * The sweep's work in one region: up to {@link #BATCH} visits whose summary is due (see
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
        return due.size();
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
