package org.openvisit.report.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.QualitySums;
import org.openvisit.report.domain.model.ReportFilter;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.report.domain.model.TimeBucketCount;
import org.openvisit.report.domain.model.ReportSort;
import org.openvisit.report.domain.model.ReportTotals;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.report.domain.model.VisitSummaryRepository;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Obtained per region from {@code JpaRegionalStores}, never injected. */
public class JpaVisitSummaryRepository implements VisitSummaryRepository {

    private final EntityManager entityManager;
    private final RegionGuard guard;

    public JpaVisitSummaryRepository(EntityManager entityManager, DataRegion region) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.of(region);
    }

    /** Outside the container (tests, tools), on a store of no set region. */
    public JpaVisitSummaryRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.NONE;
    }

    @Override
    public Optional<VisitSummary> find(UUID visitId) {
        return Optional.ofNullable(entityManager.find(VisitSummary.class, visitId.toString()));
    }

    @Override
    public void add(VisitSummary summary) {
        guard.require(summary.visitId(), "visit summary");
        entityManager.persist(summary);
        entityManager.flush();
    }

    @Override
    public List<UUID> needingRefresh(Instant now, Instant createdSince, int max) {
        @SuppressWarnings("unchecked")
        List<Object> overdue = entityManager.createNativeQuery("""
                SELECT s.visit_id FROM visit_summary s
                 WHERE s.status = 'OPEN' AND s.no_show_at <= ?1
                 FETCH FIRST %d ROWS ONLY""".formatted(max)).setParameter(1, now.atOffset(ZoneOffset.UTC))
                .getResultList();
        java.util.LinkedHashSet<UUID> due = new java.util.LinkedHashSet<>();
        overdue.forEach(id -> due.add(UUID.fromString(id.toString())));
        if (due.size() < max) {
            Query behind = entityManager.createNativeQuery("""
                    SELECT v.id FROM visit v
                      LEFT JOIN visit_summary s ON s.visit_id = v.id
                     WHERE %s(s.visit_id IS NULL OR s.event_count <> v.event_count)
                     FETCH FIRST %d ROWS ONLY""".formatted(createdSince == null ? "" : "v.created_at >= ?1 AND ",
                    max - due.size()));
            if (createdSince != null) {
                behind.setParameter(1, createdSince.atOffset(ZoneOffset.UTC));
            }
            for (Object id : behind.getResultList()) {
                due.add(UUID.fromString(id.toString()));
            }
        }
        return List.copyOf(due);
    }

    @Override
    public List<UUID> visitIds(UUID organizationId, String afterId, int max) {
        TypedQuery<String> q = entityManager.createQuery("select v.id from Visit v where v.id > :after"
                + (organizationId == null ? "" : " and v.organizationId = :org") + " order by v.id", String.class)
                .setParameter("after", afterId == null ? "" : afterId)
                .setMaxResults(max);
        if (organizationId != null) {
            q.setParameter("org", organizationId.toString());
        }
        return q.getResultList().stream().map(UUID::fromString).toList();
    }

    @Override
    public void followWriteBack(java.util.Collection<UUID> visitIds) {
        if (visitIds.isEmpty()) {
            return;
        }
        List<String> ids = visitIds.stream().map(UUID::toString).distinct().toList();
        StringBuilder marks = new StringBuilder();
        for (int i = 1; i <= ids.size(); i++) {
            marks.append(i == 1 ? "" : ", ").append('?').append(i);
        }
        // the rules of WriteBackState.of, in SQL; COALESCE keeps the state when the tasks were purged
        Query q = entityManager.createNativeQuery("""
                UPDATE visit_summary SET write_back = COALESCE((
                    SELECT CASE WHEN SUM(CASE WHEN t.status = 'FAILED' THEN 1 ELSE 0 END) > 0 THEN 'DEAD_LETTER'
                                WHEN SUM(CASE WHEN t.status IN ('PENDING', 'IN_FLIGHT', 'RETRYING') THEN 1 ELSE 0 END)
                                     > 0 THEN 'PENDING'
                                WHEN SUM(CASE WHEN t.status = 'DISCARDED' THEN 1 ELSE 0 END) > 0 THEN 'DISCARDED'
                                WHEN COUNT(*) > 0 THEN 'DELIVERED' END
                      FROM writeback_task t WHERE t.visit_id = visit_summary.visit_id), write_back)
                 WHERE visit_id IN (%s)""".formatted(marks));
        for (int i = 0; i < ids.size(); i++) {
            q.setParameter(i + 1, ids.get(i));
        }
        q.executeUpdate();
    }

    @Override
    public ReportTotals totals(ReportFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = nativeWhere(filter, params);
        Query q = entityManager.createNativeQuery("""
                SELECT COUNT(*),
                       SUM(CASE WHEN s.status = 'COMPLETED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.status = 'NO_SHOW' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.status = 'ENDED_WITHOUT_PATIENT' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.status = 'OPEN' THEN 1 ELSE 0 END),
                       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.duration_s),
                       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.duration_s),
                       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.lobby_wait_s),
                       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.lobby_wait_s),
                       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.time_to_admit_s),
                       SUM(s.sms_sent),
                       SUM(CASE WHEN s.status = 'CANCELLED' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.call_quality <> 'NO_DATA' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.call_quality = 'POOR' THEN 1 ELSE 0 END)
                  FROM visit_summary s
                 WHERE\s""" + where);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        Object[] row = (Object[]) q.getSingleResult();
        return new ReportTotals(count(row[0]), count(row[1]), count(row[2]), count(row[3]), count(row[4]),
                seconds(row[5]), seconds(row[6]), seconds(row[7]), seconds(row[8]), seconds(row[9]), count(row[10]),
                count(row[11]), count(row[12]), count(row[13]));
    }

    @Override
    public List<TimeBucketCount> countsByTime(ReportFilter filter, int bucketSeconds) {
        if (bucketSeconds < 1 || bucketSeconds > 86_400) {
            throw new IllegalArgumentException("bucket width " + bucketSeconds);
        }
        List<Object> params = new ArrayList<>();
        String where = nativeWhere(filter, params);
        // the width is an int of ours, written into the text so both databases see the same integer division
        Query q = entityManager.createNativeQuery("""
                SELECT t.bucket, t.status, COUNT(*)
                  FROM (SELECT FLOOR(EXTRACT(EPOCH FROM s.report_at) / %d) AS bucket, s.status AS status
                          FROM visit_summary s
                         WHERE %s) t
                 GROUP BY t.bucket, t.status""".formatted(bucketSeconds, where));
        bind(q, params);
        List<TimeBucketCount> counts = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] row = (Object[]) o;
            counts.add(new TimeBucketCount(Instant.ofEpochSecond(((Number) row[0]).longValue() * bucketSeconds),
                    ReportStatus.valueOf(row[1].toString().strip()), count(row[2])));
        }
        return counts;
    }

    @Override
    public List<QualitySums> qualityByTime(ReportFilter filter, int bucketSeconds) {
        if (bucketSeconds < 1 || bucketSeconds > 86_400) {
            throw new IllegalArgumentException("bucket width " + bucketSeconds);
        }
        List<Object> params = new ArrayList<>();
        String where = nativeWhere(filter, params);
        // one row per attendee and visit: summed per bucket, so each day's mean is weighted by samples
        Query q = entityManager.createNativeQuery("""
                SELECT t.bucket, SUM(t.rtt_sum), SUM(t.rtt_count), SUM(t.jitter_sum), SUM(t.jitter_count),
                       SUM(t.loss_sum), SUM(t.loss_count), SUM(t.fps_sum), SUM(t.fps_count)
                  FROM (SELECT FLOOR(EXTRACT(EPOCH FROM s.report_at) / %d) AS bucket, q.rtt_sum, q.rtt_count,
                               q.jitter_sum, q.jitter_count, q.loss_sum, q.loss_count, q.fps_sum, q.fps_count
                          FROM visit_summary s
                          JOIN call_quality q ON q.visit_id = s.visit_id AND q.organization_id = s.organization_id
                         WHERE %s) t
                 GROUP BY t.bucket""".formatted(bucketSeconds, where));
        bind(q, params);
        List<QualitySums> sums = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] row = (Object[]) o;
            sums.add(new QualitySums(Instant.ofEpochSecond(((Number) row[0]).longValue() * bucketSeconds),
                    real(row[1]), count(row[2]), real(row[3]), count(row[4]), real(row[5]), count(row[6]),
                    real(row[7]), count(row[8])));
        }
        return sums;
    }

    @Override
    public Map<LobbyWaitBucket, Long> lobbyWaits(ReportFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = nativeWhere(filter, params);
        StringBuilder sums = new StringBuilder();
        long lower = Long.MIN_VALUE;
        for (LobbyWaitBucket b : LobbyWaitBucket.values()) {
            sums.append(sums.isEmpty() ? "" : ", ").append("SUM(CASE WHEN ");
            sums.append(lower == Long.MIN_VALUE ? "1 = 1" : "s.lobby_wait_s >= " + lower);
            if (b.belowSeconds() != Long.MAX_VALUE) {
                sums.append(" AND s.lobby_wait_s < ").append(b.belowSeconds());
            }
            sums.append(" THEN 1 ELSE 0 END)");
            lower = b.belowSeconds();
        }
        Query q = entityManager.createNativeQuery("SELECT " + sums + " FROM visit_summary s WHERE "
                + where + " AND s.lobby_wait_s IS NOT NULL");
        bind(q, params);
        Object[] row = (Object[]) q.getSingleResult();
        Map<LobbyWaitBucket, Long> waits = new EnumMap<>(LobbyWaitBucket.class);
        for (LobbyWaitBucket b : LobbyWaitBucket.values()) {
            waits.put(b, count(row[b.ordinal()]));
        }
        return waits;
    }

    private static void bind(Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
    }

    private static long count(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static double real(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    private static Double seconds(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static String nativeWhere(ReportFilter f, List<Object> params) {
        StringBuilder w = new StringBuilder("s.organization_id = ?1 AND s.report_at >= ?2 AND s.report_at < ?3");
        params.add(f.organizationId().toString());
        params.add(f.from().atOffset(ZoneOffset.UTC));
        params.add(f.to().atOffset(ZoneOffset.UTC));
        if (f.endpointId() != null) {
            params.add(f.endpointId().toString());
            w.append(" AND s.endpoint_id = ?").append(params.size());
        }
        if (f.departmentId() != null) {
            params.add(f.departmentId());
            w.append(" AND s.department_id = ?").append(params.size());
        }
        if (f.status() != null) {
            params.add(f.status().name());
            w.append(" AND s.status = ?").append(params.size());
        }
        if (f.meetingPlatform() != null) {
            params.add(f.meetingPlatform());
            w.append(" AND s.meeting_platform = ?").append(params.size());
        }
        if (f.environment() != null) {
            params.add(f.environment().name());
            w.append(" AND s.environment = ?").append(params.size());
        }
        if (f.quality() != null) {
            params.add(f.quality().name());
            w.append(" AND s.call_quality = ?").append(params.size());
        }
        if (f.clinicianEhrUserId() != null) {
            params.add(f.clinicianEhrUserId());
            w.append(" AND EXISTS (SELECT 1 FROM visit_participant p WHERE p.visit_id = s.visit_id"
                    + " AND p.ehr_user_id = ?").append(params.size()).append(')');
        }
        return w.toString();
    }

    @Override
    public long count(ReportFilter filter) {
        TypedQuery<Long> q = entityManager.createQuery("select count(s) from VisitSummary s where "
                + jpqlWhere(filter), Long.class);
        bind(q, filter);
        return q.getSingleResult();
    }

    @Override
    public List<VisitSummary> page(ReportFilter filter, ReportSort sort, boolean ascending, int first, int max) {
        String direction = ascending ? "asc" : "desc";
        String nulls = " nulls last"; // visits without the figure come after those with it, either way
        String orderBy = sort == ReportSort.REPORT_AT
                ? "s.reportAt " + direction + ", s.visitId " + direction
                : "s." + sort.attribute() + " " + direction + (sort.nullable() ? nulls : "")
                + ", s.reportAt desc, s.visitId desc";
        TypedQuery<VisitSummary> q = entityManager.createQuery("select s from VisitSummary s where "
                + jpqlWhere(filter) + " order by " + orderBy, VisitSummary.class);
        bind(q, filter);
        return q.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, max)).getResultList();
    }

    @Override
    public List<VisitSummary> after(ReportFilter filter, Instant reportAt, UUID visitId, int max) {
        String keyset = reportAt == null ? ""
                : " and (s.reportAt > :afterAt or (s.reportAt = :afterAt and s.visitId > :afterId))";
        TypedQuery<VisitSummary> q = entityManager.createQuery("select s from VisitSummary s where "
                + jpqlWhere(filter) + keyset + " order by s.reportAt, s.visitId", VisitSummary.class);
        bind(q, filter);
        if (reportAt != null) {
            q.setParameter("afterAt", reportAt).setParameter("afterId", visitId.toString());
        }
        return q.setMaxResults(Math.max(1, max)).getResultList();
    }

    private static String jpqlWhere(ReportFilter f) {
        StringBuilder w = new StringBuilder("s.organizationId = :org and s.reportAt >= :from and s.reportAt < :to");
        if (f.endpointId() != null) {
            w.append(" and s.endpointId = :endpoint");
        }
        if (f.departmentId() != null) {
            w.append(" and s.departmentId = :department");
        }
        if (f.status() != null) {
            w.append(" and s.status = :status");
        }
        if (f.meetingPlatform() != null) {
            w.append(" and s.meetingPlatform = :platform");
        }
        if (f.environment() != null) {
            w.append(" and s.environment = :environment");
        }
        if (f.quality() != null) {
            w.append(" and s.callQuality = :quality");
        }
        if (f.clinicianEhrUserId() != null) {
            w.append(" and exists (select p from VisitParticipant p where p.visitId = s.visitId"
                    + " and p.ehrUserId = :clinician)");
        }
        return w.toString();
    }

    private static void bind(Query q, ReportFilter f) {
        q.setParameter("org", f.organizationId().toString());
        q.setParameter("from", f.from());
        q.setParameter("to", f.to());
        if (f.endpointId() != null) {
            q.setParameter("endpoint", f.endpointId().toString());
        }
        if (f.departmentId() != null) {
            q.setParameter("department", f.departmentId());
        }
        if (f.status() != null) {
            q.setParameter("status", f.status());
        }
        if (f.meetingPlatform() != null) {
            q.setParameter("platform", f.meetingPlatform());
        }
        if (f.environment() != null) {
            q.setParameter("environment", f.environment().name());
        }
        if (f.quality() != null) {
            q.setParameter("quality", f.quality());
        }
        if (f.clinicianEhrUserId() != null) {
            q.setParameter("clinician", f.clinicianEhrUserId());
        }
    }
}
