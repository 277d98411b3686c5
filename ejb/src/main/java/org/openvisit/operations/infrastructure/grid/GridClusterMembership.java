package org.openvisit.operations.infrastructure.grid;

import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.operations.application.ClusterMembership;

/** The cluster's size as Payara's data grid sees it: its members now (one with {@code --nocluster}). */
@ApplicationScoped
public class GridClusterMembership implements ClusterMembership {

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance grid;

    @Override
    public int nodes() {
        try {
            return Math.max(1, grid.getCluster().getMembers().size());
        } catch (RuntimeException gridNotRunning) { // starting or stopping: this node alone
            return 1;
        }
    }
}
