package org.openvisit.region.application;

import jakarta.ejb.ApplicationException;
import org.openvisit.tenant.domain.model.DataRegion;

/** The store of a region cannot be used now (its database is down or unreachable); the other regions work. */
@ApplicationException(rollback = true)
public class RegionUnavailableException extends RuntimeException {

    private final DataRegion region;

    public RegionUnavailableException(DataRegion region) {
        this(region, null);
    }

    public RegionUnavailableException(DataRegion region, Throwable cause) {
        super("The " + region + " data region's database cannot be reached now.", cause);
        this.region = region;
    }

    /**
     * Whether the failure is the store's own (a connection refused or lost, a pool that cannot give one), not what a
     * statement met in a working store (a unique key another launch took first: SQL state class 23; a serialization
     * failure or deadlock: class 40).
     */
    public static boolean isStoreFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                return state == null || !(state.startsWith("23") || state.startsWith("40"));
            }
            if (t instanceof jakarta.resource.ResourceException) {
                return true;
            }
        }
        return false;
    }

    public DataRegion region() {
        return region;
    }
}
