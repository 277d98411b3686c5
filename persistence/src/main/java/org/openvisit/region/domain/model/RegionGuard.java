package org.openvisit.region.domain.model;

import org.openvisit.tenant.domain.model.DataRegion;

import java.util.Objects;
import java.util.UUID;

/**
 * The last check before a row is written to a regional store: a row whose id (or whose visit's id) names another
 * region is refused with {@link WrongRegionException}, so a routing mistake fails loudly instead of putting one
 * region's data into another's database. Ids made before the split name no region and pass.
 */
public final class RegionGuard {

    /** No check: a store outside the container whose region is not set (tests, tools). */
    public static final RegionGuard NONE = new RegionGuard(null);

    private final DataRegion region;

    private RegionGuard(DataRegion region) {
        this.region = region;
    }

    public static RegionGuard of(DataRegion region) {
        return new RegionGuard(Objects.requireNonNull(region, "region"));
    }

    /** Whether a row with this id may live in this store: its id names this region, or no region. */
    public boolean admits(UUID recordId) {
        return region == null || recordId == null
                || DataRegion.ofRecordId(recordId).map(named -> named == region).orElse(true);
    }

    /** @throws WrongRegionException the id names a region other than this store's */
    public void require(UUID recordId, String what) {
        if (region == null || recordId == null) {
            return;
        }
        DataRegion.ofRecordId(recordId).filter(named -> named != region).ifPresent(named -> {
            throw new WrongRegionException(what, named, region);
        });
    }
}
