package org.openvisit.operations.application;

/**
 * How many OpenVisit nodes run as one cluster right now (the data grid's members; 1 for a single node). Limits that
 * an outside system must see once for the whole installation, not once per node, are shared out by it.
 */
public interface ClusterMembership {

    /** The nodes in the cluster now, at least 1. */
    int nodes();
}
