package org.openvisit.retention.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.retention.domain.model.RetentionRun;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The purge's transactions, each short, on its own and within one region's store. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RetentionWork {

    @EJB
    private RegionDirectory regions;

    public Map<UUID, Integer> deleteVisits(DataRegion region, Instant createdBefore, int max) {
        return regions.ready(region).retention().deleteVisitsCreatedBefore(null, createdBefore, max);
    }

    public Map<UUID, Integer> deleteLaunchAudit(DataRegion region, Instant before, int max) {
        return regions.ready(region).retention().deleteLaunchAuditBefore(null, before, max);
    }

    public void record(DataRegion region, RetentionRun run) {
        regions.ready(region).retention().add(run);
    }
}
