package org.openvisit.writeback.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The endpoints' circuits as every node of the cluster sees them (Payara's data grid; one node alone sees only its
 * own news): which endpoints are open until when. A successful trial removes the endpoint, so the others close
 * it too.
 */
public interface SharedCircuits {

    /** A circuit of this node opened until {@code until}. */
    void opened(UUID endpoint, Instant until);

    /** A trial of this node succeeded: the endpoint answers again. */
    void closed(UUID endpoint);

    /** The circuits open somewhere in the cluster now, with the moment each opens again. */
    Map<UUID, Instant> openNow(Instant now);
}
