package org.openvisit.report.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.report.domain.model.HourFigures;
import org.openvisit.report.domain.model.HourKey;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.QualityVerdict;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Obtained per region from {@code JpaRegionalStores}, never injected. */
public class JpaVisitSummaryRepository implements VisitSummaryRepository {

    /** EclipseLink's query hint (QueryHints.READ_ONLY), named here so the module needs no EclipseLink API. */
    static final String READ_ONLY = "eclipselink.read-only";

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
        markHours(summary.organizationId(), List.of(summary.reportAt()), summary.updatedAt());
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
        HourPlan plan = plan(filter);
        if (plan == null) {
            return exactTotals(filter);
        }
        boolean[] stored = new boolean[1];
        HourFigures f = figures(filter, plan, 0, true, false, stored).getOrDefault(0L, new HourFigures());
        // no hour's figures made yet: the exact percentiles at the same cost
        return stored[0] ? f.totals() : exactTotals(filter);
    }

    @Override
    public ReportTotals exactTotals(ReportFilter filter) {
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
        HourPlan plan = bucketSeconds % HOUR == 0 ? plan(filter) : null;
        if (plan != null) {
            List<TimeBucketCount> counts = new ArrayList<>();
            figures(filter, plan, bucketSeconds, false, false).forEach((bucket, f) -> {
                for (ReportStatus status : ReportStatus.values()) {
                    if (f.count(status) > 0) {
                        counts.add(new TimeBucketCount(Instant.ofEpochSecond(bucket * bucketSeconds), status,
                                f.count(status)));
                    }
                }
            });
            return counts;
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
        HourPlan plan = bucketSeconds % HOUR == 0 ? plan(filter) : null;
        if (plan != null) {
            List<QualitySums> sums = new ArrayList<>();
            figures(filter, plan, bucketSeconds, false, true).forEach((bucket, f) -> {
                QualitySums q = f.quality(Instant.ofEpochSecond(bucket * bucketSeconds));
                if (!q.isEmpty()) {
                    sums.add(q);
                }
            });
            return sums;
        }
        List<Object> params = new ArrayList<>();
        String where = nativeWhere(filter, params);
        // one row per attendee and visit: summed per bucket, so each day's mean is weighted by samples
        Query q = entityManager.createNativeQuery(qualitySumsSql(bucketSeconds, where));
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
        HourPlan plan = plan(filter);
        if (plan != null) {
            return figures(filter, plan, 0, true, false).getOrDefault(0L, new HourFigures()).lobbyWaits();
        }
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
        HourPlan plan = plan(filter);
        if (plan != null) {
            return figures(filter, plan, 0, false, false).getOrDefault(0L, new HourFigures()).visits();
        }
        TypedQuery<Long> q = entityManager.createQuery("select count(s) from VisitSummary s where "
                + jpqlWhere(filter), Long.class);
        bind(q, filter);
        return q.getSingleResult();
    }

    /**
     * Ties are ordered by report time and visit id in the page's direction, and a nullable column's visits without a
     * value are read in a second step, after the others (either way): so one index of (organization, column, report
     * time, visit) serves both directions and PostgreSQL stops after the page (regional V20).
     */
    @Override
    public List<VisitSummary> page(ReportFilter filter, ReportSort sort, boolean ascending, int first, int max) {
        String direction = ascending ? " asc" : " desc";
        int from = Math.max(0, first);
        int size = Math.max(1, max);
        String ties = "s.reportAt" + direction + ", s.visitId" + direction;
        if (sort == ReportSort.REPORT_AT) {
            return pageOf(filter, "", ties, from, size);
        }
        String column = "s." + sort.attribute();
        if (!sort.nullable()) {
            return pageOf(filter, "", column + direction + ", " + ties, from, size);
        }
        List<VisitSummary> valued = pageOf(filter, " and " + column + " is not null", column + direction + ", " + ties,
                from, size);
        if (valued.size() == size) {
            return valued;
        }
        long valuedCount = valued.isEmpty() ? countOf(filter, " and " + column + " is not null")
                : from + valued.size();
        List<VisitSummary> rows = new ArrayList<>(valued);
        rows.addAll(pageOf(filter, " and " + column + " is null", ties, (int) Math.max(0, from - valuedCount),
                size - valued.size()));
        return rows;
    }

    private List<VisitSummary> pageOf(ReportFilter filter, String and, String orderBy, int first, int max) {
        TypedQuery<VisitSummary> q = entityManager.createQuery("select s from VisitSummary s where "
                + jpqlWhere(filter) + and + " order by " + orderBy, VisitSummary.class);
        bind(q, filter);
        return q.setFirstResult(first).setMaxResults(max).getResultList();
    }

    private long countOf(ReportFilter filter, String and) {
        TypedQuery<Long> q = entityManager.createQuery("select count(s) from VisitSummary s where "
                + jpqlWhere(filter) + and, Long.class);
        bind(q, filter);
        return q.getSingleResult();
    }

    @Override
    public List<VisitSummary> after(ReportFilter filter, Instant reportAt, UUID visitId, int max) {
        // "s.reportAt >= :afterAt" is implied by the condition after it, but only it bounds the index scan: without
        // it PostgreSQL reads every row from the range's start and filters out those already exported, so that chunk
        // k read k thousand rows (111 ms for the 101st chunk of 1,000 against 1.2 ms with the bound, bench/README.md)
        String keyset = reportAt == null ? "" : " and s.reportAt >= :afterAt"
                + " and (s.reportAt > :afterAt or (s.reportAt = :afterAt and s.visitId > :afterId))";
        TypedQuery<VisitSummary> q = entityManager.createQuery("select s from VisitSummary s where "
                + jpqlWhere(filter) + keyset + " order by s.reportAt, s.visitId", VisitSummary.class);
        bind(q, filter);
        if (reportAt != null) {
            q.setParameter("afterAt", reportAt).setParameter("afterId", visitId.toString());
        }
        // an export only reads: EclipseLink need not register (and track) each of its rows in the transaction
        q.setHint(READ_ONLY, Boolean.TRUE);
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

    // ---- figures per organization and UTC hour (regional V19): the cards, charts and count of a date range alone ----

    private static final int HOUR = 3600;
    /** A range of fewer whole hours is read from the visits' rows (few rows; and hours need a day to pay off). */
    static final int MIN_HOURS = 24;
    /**
     * A range with more marked hours than this is read from the visits' rows alone (after an upgrade or a rebuild,
     * until the sweep has made them).
     */
    static final int MAX_MARKED = 96;
    private static final int MARK_CHUNK = 500;
    private static final String HOUR_COLUMNS = "h.hour_no, h.open_visits, h.completed, h.no_shows, "
            + "h.ended_no_patient, h.cancelled, h.sms_sent, h.quality_measured, h.quality_poor, h.rtt_sum, "
            + "h.rtt_count, h.jitter_sum, h.jitter_count, h.loss_sum, h.loss_count, h.fps_sum, h.fps_count";

    /**
     * How a report's range is read: its whole UTC hours {@code [firstHour, endHour)} from report_hour, except the
     * marked ones; those and the parts of hours at either end ({@code exact}, [from, to) pairs) from visit_summary.
     */
    private record HourPlan(long firstHour, long endHour, Set<Long> marked, List<Instant[]> exact) {
    }

    /** Null: the filter names more than the date range, or the range is short, or too much of it is marked. */
    private HourPlan plan(ReportFilter f) {
        if (f.endpointId() != null || f.departmentId() != null || f.status() != null || f.meetingPlatform() != null
                || f.environment() != null || f.quality() != null || f.clinicianEhrUserId() != null) {
            return null;
        }
        long fromSecond = f.from().getEpochSecond() + (f.from().getNano() > 0 ? 1 : 0);
        long first = Math.floorDiv(fromSecond + HOUR - 1, HOUR);
        long end = Math.floorDiv(f.to().getEpochSecond(), HOUR);
        if (end - first < MIN_HOURS) {
            return null;
        }
        Query q = entityManager.createNativeQuery("""
                SELECT DISTINCT m.hour_no FROM report_hour_mark m
                 WHERE m.organization_id = ?1 AND m.hour_no >= ?2 AND m.hour_no < ?3""");
        q.setParameter(1, f.organizationId().toString()).setParameter(2, first).setParameter(3, end);
        Set<Long> marked = new TreeSet<>();
        for (Object o : q.getResultList()) {
            marked.add(((Number) o).longValue());
        }
        if (marked.size() > MAX_MARKED) {
            return null;
        }
        List<Instant[]> exact = new ArrayList<>();
        if (f.from().isBefore(Instant.ofEpochSecond(first * HOUR))) {
            exact.add(new Instant[]{f.from(), Instant.ofEpochSecond(first * HOUR)});
        }
        Long runStart = null;
        long previous = Long.MIN_VALUE;
        for (long h : marked) {
            if (runStart != null && h != previous + 1) {
                exact.add(new Instant[]{Instant.ofEpochSecond(runStart * HOUR), Instant.ofEpochSecond((previous + 1) * HOUR)});
                runStart = null;
            }
            if (runStart == null) {
                runStart = h;
            }
            previous = h;
        }
        if (runStart != null) {
            exact.add(new Instant[]{Instant.ofEpochSecond(runStart * HOUR), Instant.ofEpochSecond((previous + 1) * HOUR)});
        }
        if (Instant.ofEpochSecond(end * HOUR).isBefore(f.to())) {
            exact.add(new Instant[]{Instant.ofEpochSecond(end * HOUR), f.to()});
        }
        return new HourPlan(first, end, marked, exact);
    }

    /**
     * The range's figures per UTC bucket of {@code width} seconds (a multiple of an hour; 0: all in bucket 0), from the
     * plan's hours and visits.
     */
    private Map<Long, HourFigures> figures(ReportFilter f, HourPlan plan, int width, boolean histograms,
                                           boolean quality) {
        return figures(f, plan, width, histograms, quality, new boolean[1]);
    }

    /** {@code stored[0]} is set when some hour's stored figures were read. */
    private Map<Long, HourFigures> figures(ReportFilter f, HourPlan plan, int width, boolean histograms,
                                           boolean quality, boolean[] stored) {
        Map<Long, HourFigures> out = new TreeMap<>();
        Query q = entityManager.createNativeQuery("SELECT " + HOUR_COLUMNS
                + (histograms ? ", h.duration_hist, h.lobby_wait_hist, h.admit_hist" : "")
                + " FROM report_hour h WHERE h.organization_id = ?1 AND h.hour_no >= ?2 AND h.hour_no < ?3");
        q.setParameter(1, f.organizationId().toString()).setParameter(2, plan.firstHour())
                .setParameter(3, plan.endHour());
        for (Object o : q.getResultList()) {
            Object[] row = (Object[]) o;
            long hour = ((Number) row[0]).longValue();
            if (plan.marked().contains(hour)) {
                continue;
            }
            stored[0] = true;
            long[] byStatus = new long[ReportStatus.values().length];
            byStatus[ReportStatus.OPEN.ordinal()] = count(row[1]);
            byStatus[ReportStatus.COMPLETED.ordinal()] = count(row[2]);
            byStatus[ReportStatus.NO_SHOW.ordinal()] = count(row[3]);
            byStatus[ReportStatus.ENDED_WITHOUT_PATIENT.ordinal()] = count(row[4]);
            byStatus[ReportStatus.CANCELLED.ordinal()] = count(row[5]);
            QualitySums sums = new QualitySums(Instant.EPOCH, real(row[9]), count(row[10]), real(row[11]),
                    count(row[12]), real(row[13]), count(row[14]), real(row[15]), count(row[16]));
            long bucket = width == 0 ? 0 : Math.floorDiv(hour * HOUR, width);
            out.computeIfAbsent(bucket, b -> new HourFigures()).addStored(byStatus, count(row[6]), count(row[7]),
                    count(row[8]), sums, histograms ? text(row[17]) : null, histograms ? text(row[18]) : null,
                    histograms ? text(row[19]) : null);
        }
        if (!plan.exact().isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(f.organizationId().toString());
            StringBuilder where = new StringBuilder("s.organization_id = ?1 AND (");
            for (Instant[] span : plan.exact()) {
                params.add(span[0].atOffset(ZoneOffset.UTC));
                params.add(span[1].atOffset(ZoneOffset.UTC));
                where.append(params.size() == 3 ? "" : " OR ").append("(s.report_at >= ?").append(params.size() - 1)
                        .append(" AND s.report_at < ?").append(params.size()).append(')');
            }
            where.append(')');
            addVisits(out, where.toString(), params, width, quality);
        }
        return out;
    }

    /** The visits' rows (and, if asked, their call quality) of {@code where} added to their buckets. */
    private void addVisits(Map<Long, HourFigures> out, String where, List<Object> params, int width, boolean quality) {
        int sqlWidth = width == 0 ? HOUR : width;
        Query rows = entityManager.createNativeQuery("""
                SELECT FLOOR(EXTRACT(EPOCH FROM s.report_at) / %d), s.status, s.duration_s, s.lobby_wait_s,
                       s.time_to_admit_s, s.sms_sent, s.call_quality
                  FROM visit_summary s WHERE %s""".formatted(sqlWidth, where));
        bind(rows, params);
        for (Object o : rows.getResultList()) {
            Object[] row = (Object[]) o;
            long bucket = width == 0 ? 0 : ((Number) row[0]).longValue();
            out.computeIfAbsent(bucket, b -> new HourFigures()).addVisit(
                    ReportStatus.valueOf(row[1].toString().strip()), whole(row[2]), whole(row[3]), whole(row[4]),
                    count(row[5]), QualityVerdict.valueOf(row[6].toString().strip()));
        }
        if (!quality) {
            return;
        }
        Query sums = entityManager.createNativeQuery(qualitySumsSql(sqlWidth, where));
        bind(sums, params);
        for (Object o : sums.getResultList()) {
            Object[] row = (Object[]) o;
            long bucket = width == 0 ? 0 : ((Number) row[0]).longValue();
            out.computeIfAbsent(bucket, b -> new HourFigures()).addQuality(new QualitySums(Instant.EPOCH,
                    real(row[1]), count(row[2]), real(row[3]), count(row[4]), real(row[5]), count(row[6]),
                    real(row[7]), count(row[8])));
        }
    }

    private static Long whole(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return o.toString();
    }

    @Override
    public void markHours(UUID organizationId, Collection<Instant> reportTimes, Instant now) {
        for (long hour : reportTimes.stream().map(HourKey::hourOf).collect(java.util.stream.Collectors
                .toCollection(TreeSet::new))) {
            entityManager.createNativeQuery("""
                    INSERT INTO report_hour_mark (id, organization_id, hour_no, marked_at) VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, UUID.randomUUID().toString()).setParameter(2, organizationId.toString())
                    .setParameter(3, hour).setParameter(4, now.atOffset(ZoneOffset.UTC)).executeUpdate();
        }
    }

    @Override
    public void markAllHours(UUID organizationId, Instant now) {
        String prefix = "rb-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String org = organizationId == null ? "" : " WHERE %s.organization_id = ?3";
        Query q = entityManager.createNativeQuery("""
                INSERT INTO report_hour_mark (id, organization_id, hour_no, marked_at)
                SELECT CONCAT(?1, t.organization_id, '-', CAST(t.hour_no AS VARCHAR(20))), t.organization_id,
                       t.hour_no, ?2
                  FROM (SELECT s.organization_id AS organization_id,
                               CAST(FLOOR(EXTRACT(EPOCH FROM s.report_at) / 3600) AS BIGINT) AS hour_no
                          FROM visit_summary s%s
                        UNION
                        SELECT h.organization_id AS organization_id, h.hour_no AS hour_no
                          FROM report_hour h%s) t""".formatted(org.formatted("s"), org.formatted("h")));
        q.setParameter(1, prefix).setParameter(2, now.atOffset(ZoneOffset.UTC));
        if (organizationId != null) {
            q.setParameter(3, organizationId.toString());
        }
        q.executeUpdate();
    }

    @Override
    public List<HourKey> markedHours(UUID organizationId, int max) {
        Query q = entityManager.createNativeQuery("""
                SELECT m.organization_id, m.hour_no FROM report_hour_mark m%s
                 GROUP BY m.organization_id, m.hour_no
                 ORDER BY MIN(m.marked_at), m.organization_id, m.hour_no
                 FETCH FIRST %d ROWS ONLY""".formatted(organizationId == null ? "" : " WHERE m.organization_id = ?1",
                Math.max(1, max)));
        if (organizationId != null) {
            q.setParameter(1, organizationId.toString());
        }
        List<HourKey> keys = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] row = (Object[]) o;
            keys.add(new HourKey(UUID.fromString(row[0].toString().strip()), ((Number) row[1]).longValue()));
        }
        return keys;
    }

    @Override
    public void makeHour(HourKey key, Instant now) {
        String org = key.organizationId().toString();
        // the marks first: every change they stand for committed with them, so the rows read next include it
        List<String> marks = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery("SELECT m.id FROM report_hour_mark m"
                        + " WHERE m.organization_id = ?1 AND m.hour_no = ?2")
                .setParameter(1, org).setParameter(2, key.hourNo()).getResultList()) {
            marks.add(o.toString().strip());
        }
        Map<Long, HourFigures> out = new HashMap<>();
        List<Object> params = List.of(org, Instant.ofEpochSecond(key.hourNo() * HOUR).atOffset(ZoneOffset.UTC),
                Instant.ofEpochSecond((key.hourNo() + 1) * HOUR).atOffset(ZoneOffset.UTC));
        addVisits(out, "s.organization_id = ?1 AND s.report_at >= ?2 AND s.report_at < ?3", params, 0, true);
        HourFigures f = out.getOrDefault(0L, new HourFigures());
        entityManager.createNativeQuery("DELETE FROM report_hour WHERE organization_id = ?1 AND hour_no = ?2")
                .setParameter(1, org).setParameter(2, key.hourNo()).executeUpdate();
        if (f.visits() > 0) {
            QualitySums q = f.quality(Instant.EPOCH);
            Object[] values = {org, key.hourNo(), f.visits(), f.count(ReportStatus.COMPLETED),
                    f.count(ReportStatus.NO_SHOW), f.count(ReportStatus.ENDED_WITHOUT_PATIENT),
                    f.count(ReportStatus.OPEN), f.count(ReportStatus.CANCELLED), f.smsSent(), f.qualityMeasured(),
                    f.poorQuality(), q.rttSum(), q.rttCount(), q.jitterSum(), q.jitterCount(), q.lossSum(),
                    q.lossCount(), q.fpsSum(), q.fpsCount(), f.duration().encode(), f.lobbyWait().encode(),
                    f.timeToAdmit().encode(), now.atOffset(ZoneOffset.UTC)};
            StringBuilder marksText = new StringBuilder();
            for (int i = 1; i <= values.length; i++) {
                marksText.append(i == 1 ? "?" : ", ?").append(i);
            }
            Query insert = entityManager.createNativeQuery("""
                    INSERT INTO report_hour (organization_id, hour_no, visits, completed, no_shows, ended_no_patient,
                                             open_visits, cancelled, sms_sent, quality_measured, quality_poor, rtt_sum,
                                             rtt_count, jitter_sum, jitter_count, loss_sum, loss_count, fps_sum,
                                             fps_count, duration_hist, lobby_wait_hist, admit_hist, made_at)
                    VALUES (%s)""".formatted(marksText));
            for (int i = 0; i < values.length; i++) {
                insert.setParameter(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
        for (int at = 0; at < marks.size(); at += MARK_CHUNK) {
            List<String> chunk = marks.subList(at, Math.min(marks.size(), at + MARK_CHUNK));
            StringBuilder in = new StringBuilder();
            for (int i = 1; i <= chunk.size(); i++) {
                in.append(i == 1 ? "?" : ", ?").append(i);
            }
            Query delete = entityManager.createNativeQuery("DELETE FROM report_hour_mark WHERE id IN (%s)"
                    .formatted(in));
            for (int i = 0; i < chunk.size(); i++) {
                delete.setParameter(i + 1, chunk.get(i));
            }
            delete.executeUpdate();
        }
    }

    /**
     * The call-quality samples' sums per time bucket of {@code bucketSeconds} (one row per attendee and visit summed
     * per bucket, so each bucket's mean is weighted by samples), of the visits {@code where} selects.
     */
    private static String qualitySumsSql(long bucketSeconds, String where) {
        return """
                SELECT t.bucket, SUM(t.rtt_sum), SUM(t.rtt_count), SUM(t.jitter_sum), SUM(t.jitter_count),
                       SUM(t.loss_sum), SUM(t.loss_count), SUM(t.fps_sum), SUM(t.fps_count)
                  FROM (SELECT FLOOR(EXTRACT(EPOCH FROM s.report_at) / %d) AS bucket, q.rtt_sum, q.rtt_count,
                               q.jitter_sum, q.jitter_count, q.loss_sum, q.loss_count, q.fps_sum, q.fps_count
                          FROM visit_summary s
                          JOIN call_quality q ON q.visit_id = s.visit_id AND q.organization_id = s.organization_id
                         WHERE %s) t
                 GROUP BY t.bucket""".formatted(bucketSeconds, where);
    }
}
