package org.openvisit.region.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.region.domain.model.RegionMove;
import org.openvisit.region.domain.model.RegionMoveRepository;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which organizations are being moved to another region now, for the work that must wait meanwhile: their launches
 * (until the switch), their SIU feed, and the write-back relay and the SMS send job in both regions (until the old
 * rows are deleted), so that no queue is drained from the old and the new region's copy at once. Reads the global
 * store outside any transaction (NOT_SUPPORTED), so that a caller's regional transaction never enlists it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RegionMoves {

    @Inject
    private RegionMoveRepository moves;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private RecentRegionMoves recent;

    /**
     * The organizations with an unfinished move (their queues wait in both regions), read at most a fifth of the
     * move's settle time ago ({@link RecentRegionMoves}).
     */
    public Set<UUID> pausedOrganizations() {
        return recent.pausedOrganizations(
                () -> moves.unfinished().stream().map(RegionMove::organizationId).collect(Collectors.toSet()));
    }

    /** The FHIR endpoints of the organizations being moved (the write-back relay skips their tasks). */
    public Set<UUID> pausedEndpoints() {
        Set<UUID> paused = new HashSet<>();
        for (UUID organization : pausedOrganizations()) {
            endpoints.findByOrganization(organization, 0, 10_000).stream().map(FhirEndpoint::id).forEach(paused::add);
        }
        return paused;
    }

    /** Whether the organization's launches wait: a move of it has not switched its region yet. */
    public boolean launchesPaused(UUID organizationId) {
        return moves.unfinished().stream()
                .anyMatch(m -> m.organizationId().equals(organizationId) && m.state().beforeSwitch());
    }
}
