package org.openvisit.writeback.application;

/**
 * The write-back health badge of an endpoint: HEALTHY (nothing failing), DEGRADED (retries waiting or
 * the circuit is trying again), DOWN (the circuit is open on this node: the EHR is not answering),
 * FAILING (dead letters wait for someone in the portal), NEVER_DELIVERED (nothing failing, but the EHR has not taken
 * any write-back yet: not proven to work, so not HEALTHY).
 */
public enum EndpointHealth {
    HEALTHY,
    DEGRADED,
    DOWN,
    FAILING,
    NEVER_DELIVERED
}
