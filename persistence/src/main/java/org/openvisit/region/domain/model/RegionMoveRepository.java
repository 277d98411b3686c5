package org.openvisit.region.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The moves of organizations between regions, in the global store. */
public interface RegionMoveRepository {

    /** Stores a new move; a second unfinished move of the same organization fails here (unique key). */
    void add(RegionMove move);

    Optional<RegionMove> find(UUID id);

    /** The moves not yet CLEANED or FAILED, oldest first. */
    List<RegionMove> unfinished();

    /** Every organization's moves, newest first, at most {@code max}. */
    List<RegionMove> recent(int max);

    /** The organization's moves, newest first. */
    List<RegionMove> ofOrganization(UUID organizationId);
}
