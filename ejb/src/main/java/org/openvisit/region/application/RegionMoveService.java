package org.openvisit.region.application;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.validation.constraints.NotNull;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.region.domain.model.RegionMove;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.application.OrganizationNotFoundException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Moving an organization's data to another region: an operator's action, refused while the organization has visits
 * going on (and, from the request to the switch, its new launches wait); the steps run in the background
 * ({@link RegionMoveJob}), their progress is read here.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // the global and the regional stores: never one transaction
public class RegionMoveService {

    @Inject
    private OrganizationRepository organizations;

    @EJB
    private RegionMoveWork work;

    @EJB
    private RegionMoveRunner runner;

    @EJB
    private OpenVisitDatabase database;

    private final Clock clock = Clock.systemUTC();

    /**
     * Asks for the organization's data to move to {@code to}.
     *
     * @throws ForbiddenException not an operator
     * @throws OrganizationNotFoundException no such organization
     * @throws ConflictException in that region already, visits going on, or a move of it under way
     * @throws RegionUnavailableException the old or the new region's store cannot be used now
     */
    public RegionMoveView start(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull DataRegion to) {
        requireOperator(actor);
        Organization organization = organizations.find(organizationId)
                .orElseThrow(() -> new OrganizationNotFoundException(organizationId));
        DataRegion from = organization.dataRegion();
        if (from == to) {
            throw new RegionMoveRefusedException(RegionMoveRefusedException.Reason.SAME_REGION, 0,
                    "The organization's data lives in the " + to + " region already.");
        }
        RegionMove move = RegionMove.request(organizationId, from, to, actor.username(), clock.instant());
        for (DataRegion region : List.of(from, to)) {
            if (!database.isReady(region)) {
                throw new RegionUnavailableException(region);
            }
        }
        try {
            if (database.sameDatabase(from, to)) {
                throw new RegionMoveRefusedException(RegionMoveRefusedException.Reason.SAME_DATABASE, 0,
                        "The " + from + " and " + to + " regions are kept in one database here (no regional database "
                                + "is configured for them): there is nothing to move the data to.");
            }
        } catch (java.sql.SQLException e) {
            throw new RegionUnavailableException(to);
        }
        long live = runner.liveVisits(from, organizationId);
        if (live > 0) {
            throw new RegionMoveRefusedException(RegionMoveRefusedException.Reason.LIVE_VISITS, live,
                    "The organization has " + live + " visits going on; move it when they ended.");
        }
        try {
            return work.add(move);
        } catch (EJBException | PersistenceException e) {
            if (!work.ofOrganization(organizationId).stream().allMatch(RegionMoveView::finished)) {
                throw new RegionMoveRefusedException(RegionMoveRefusedException.Reason.UNDER_WAY, 0,
                        "A move of this organization is under way already.");
            }
            throw e;
        }
    }

    /** @throws RegionMoveNotFoundException no such move of this organization */
    public RegionMoveView progress(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID moveId) {
        requireOperator(actor);
        return work.find(moveId).filter(m -> m.organizationId().equals(organizationId))
                .orElseThrow(() -> new RegionMoveNotFoundException(moveId));
    }

    /**
     * An operator resumes an unfinished move whose node is gone (crashed or stopped while it worked on the move): the
     * node's lease is released, and the next node to look goes on from the last committed step within seconds instead
     * of after the lease's ten minutes. Recorded in the move's history with the operator's name.
     *
     * @throws RegionMoveNotFoundException no such move of this organization
     * @throws ConflictException           the move is finished
     */
    public RegionMoveView resume(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID moveId) {
        requireOperator(actor);
        progress(actor, organizationId, moveId);
        return work.resume(moveId, actor.username());
    }

    /** Every organization's latest moves, newest first. */
    public List<RegionMoveView> recent(@NotNull Actor actor) {
        requireOperator(actor);
        return work.recent(50);
    }

    /** The organization's moves, newest first. */
    public List<RegionMoveView> ofOrganization(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireOperator(actor);
        return work.ofOrganization(organizationId);
    }

    private static void requireOperator(Actor actor) {
        if (!actor.hasRole(Role.OPERATOR)) {
            throw new ForbiddenException("Only operators may move an organization's data to another region.")
                    .worded("region.moveForbidden");
        }
    }
}
