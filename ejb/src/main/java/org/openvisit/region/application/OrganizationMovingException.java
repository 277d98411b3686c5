package org.openvisit.region.application;

import jakarta.ejb.ApplicationException;
import org.openvisit.tenant.domain.model.DataRegion;

/**
 * The organization's data is being copied to another region: its launches wait until the switch (a few seconds to
 * minutes) and are refused like those of a region that is down, with the same page.
 */
@ApplicationException(rollback = true)
public class OrganizationMovingException extends RegionUnavailableException {

    public OrganizationMovingException(DataRegion region) {
        super(region);
    }

    @Override
    public String getMessage() {
        return "The organization's data is being moved from the " + region() + " region; launches wait until it is "
                + "switched.";
    }
}
