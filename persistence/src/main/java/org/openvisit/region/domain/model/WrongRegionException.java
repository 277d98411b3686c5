package org.openvisit.region.domain.model;

import org.openvisit.tenant.domain.model.DataRegion;

/** A row of one region was about to be written to another region's store: a programming error, never data. */
public class WrongRegionException extends IllegalStateException {

    public WrongRegionException(String what, DataRegion belongsTo, DataRegion store) {
        super("Refused to write a " + what + " of the " + belongsTo + " region to the " + store + " store.");
    }
}
