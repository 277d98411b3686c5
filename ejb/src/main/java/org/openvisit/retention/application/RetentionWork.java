package org.openvisit.retention.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.retention.domain.model.RetentionRun;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.OrganizationRepository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The purge's transactions, each short, on its own and within one region's store. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RetentionWork {

    @EJB
    private RegionDirectory regions;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private org.openvisit.audit.domain.model.InstallationAuditRepository installationAudit;

    /** Visits of one organization ({@code null}: of all) created before {@code createdBefore}. */
    public Map<UUID, Integer> deleteVisits(DataRegion region, UUID organizationId, Instant createdBefore, int max) {
        return regions.ready(region).retention().deleteVisitsCreatedBefore(organizationId, createdBefore, max);
    }

    /** The region's organizations that keep their visits for less than the installation, with their days. */
    public Map<UUID, Integer> tighterVisitRetention(DataRegion region) {
        Map<UUID, Integer> days = new java.util.HashMap<>();
        organizations.withVisitRetention(region)
                .forEach(o -> o.visitRetentionDays().ifPresent(d -> days.put(o.id(), d)));
        return days;
    }

    public Map<UUID, Integer> deleteLaunchAudit(DataRegion region, Instant before, int max) {
        return regions.ready(region).retention().deleteLaunchAuditBefore(null, before, max);
    }

    /** Audit trail events of the region's organizations recorded before {@code before}. */
    public Map<UUID, Integer> deleteAuditTrail(DataRegion region, Instant before, int max) {
        return regions.ready(region).auditTrail().deleteBefore(before, max);
    }

    /** The installation's own audit trail events (global store) recorded before {@code before}. */
    public Map<UUID, Integer> deleteInstallationAudit(Instant before, int max) {
        return installationAudit.deleteBefore(before, max);
    }

    public void record(DataRegion region, RetentionRun run) {
        regions.ready(region).retention().add(run);
    }
}
