package org.openvisit.region.domain.model;

import org.openvisit.launch.domain.model.ContextLinkUseRepository;
import org.openvisit.launch.domain.model.LaunchAuditRepository;
import org.openvisit.report.domain.model.VisitSummaryRepository;
import org.openvisit.retention.domain.model.RetentionRepository;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.CallQualityRepository;
import org.openvisit.visit.domain.model.VisitRepository;
import org.openvisit.writeback.domain.model.DeliveryTaskRepository;

/**
 * The repositories of one region's store. The only way to a regional repository: {@link RegionalStores#in} with the
 * organization's (or the visit's) region in hand. Each repository refuses rows of another region
 * ({@link RegionGuard}).
 */
public record RegionalStore(DataRegion region, VisitRepository visits, CallQualityRepository callQuality,
                            LaunchAuditRepository launchAudit, ContextLinkUseRepository contextLinkUses,
                            DeliveryTaskRepository deliveryTasks,
                            VisitSummaryRepository visitSummaries, RetentionRepository retention,
                            org.openvisit.notify.domain.model.SmsFeedRepository smsFeed,
                            org.openvisit.audit.domain.model.OrganizationAuditRepository auditTrail,
                            org.openvisit.visit.domain.model.TeamsAttendanceRepository teamsAttendance,
                            org.openvisit.visit.domain.model.RevokedJoinLinkRepository revokedJoinLinks) {
}
