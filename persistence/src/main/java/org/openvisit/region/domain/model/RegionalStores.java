package org.openvisit.region.domain.model;

import org.openvisit.tenant.domain.model.DataRegion;

/** The three regional stores, one database each (issue 18). */
public interface RegionalStores {

    /** The store of the region: every regional read and write goes through one of these. */
    RegionalStore in(DataRegion region);
}
