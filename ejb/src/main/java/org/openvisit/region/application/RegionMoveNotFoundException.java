package org.openvisit.region.application;

import jakarta.ejb.ApplicationException;

import java.util.UUID;

/** No region move with this id (for this organization). */
@ApplicationException(rollback = true)
public class RegionMoveNotFoundException extends RuntimeException {

    public RegionMoveNotFoundException(UUID id) {
        super("No region move " + id + " of this organization.");
    }
}
