package org.openvisit.retention.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.openvisit.retention.domain.model.RetentionRepository;
import org.openvisit.retention.domain.model.RetentionRun;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected.
 * Plain SQL: a purge deletes rows it never needs as entities. The rows to delete are chosen with
 * {@code FOR UPDATE SKIP LOCKED}, so two nodes purging at once (or a visit being written to) never wait on each other.
 */
public class JpaRetentionRepository implements RetentionRepository {

    /** A visit's rows in other tables, deleted before it, children first. */
    private static final List<String> VISIT_CHILDREN = List.of(
            "DELETE FROM writeback_attempt WHERE task_id IN (SELECT t.id FROM writeback_task t WHERE t.visit_id IN (%s))",
            "DELETE FROM writeback_task WHERE visit_id IN (%s)",
            "DELETE FROM visit_event WHERE visit_id IN (%s)",
            "DELETE FROM call_quality WHERE visit_id IN (%s)",
            "DELETE FROM teams_attendance_mark WHERE visit_id IN (%s)",
            "DELETE FROM teams_attendance_watch WHERE visit_id IN (%s)",
            "DELETE FROM visit_participant WHERE visit_id IN (%s)",
            // the hours of the report figures these visits counted in are made again (report_hour, regional V19)
            "INSERT INTO report_hour_mark (id, organization_id, hour_no, marked_at) SELECT CONCAT('r-', visit_id),"
                    + " organization_id, CAST(FLOOR(EXTRACT(EPOCH FROM report_at) / 3600) AS BIGINT), CURRENT_TIMESTAMP"
                    + " FROM visit_summary WHERE visit_id IN (%s)",
            "DELETE FROM visit_summary WHERE visit_id IN (%s)",
            "DELETE FROM sms_link_send WHERE visit_id IN (%s)",
            "DELETE FROM visit WHERE id IN (%s)");

    private final EntityManager entityManager;

    public JpaRetentionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Map<UUID, Integer> deleteVisitsCreatedBefore(UUID organizationId, Instant before, int max) {
        List<Object[]> rows = select("visit", "created_at", organizationId, before, max);
        if (rows.isEmpty()) {
            return Map.of();
        }
        List<String> ids = rows.stream().map(r -> r[0].toString()).toList();
        String placeholders = IntStream.rangeClosed(1, ids.size()).mapToObj(i -> "?" + i)
                .collect(Collectors.joining(", "));
        for (String delete : VISIT_CHILDREN) {
            Query q = entityManager.createNativeQuery(delete.formatted(placeholders));
            for (int i = 0; i < ids.size(); i++) {
                q.setParameter(i + 1, ids.get(i));
            }
            q.executeUpdate();
        }
        return perOrganization(rows);
    }

    @Override
    public Map<UUID, Integer> deleteLaunchAuditBefore(UUID organizationId, Instant before, int max) {
        List<Object[]> rows = select("launch_audit", "occurred_at", organizationId, before, max);
        if (rows.isEmpty()) {
            return Map.of();
        }
        List<String> ids = rows.stream().map(r -> r[0].toString()).toList();
        Query q = entityManager.createNativeQuery("DELETE FROM launch_audit WHERE id IN (%s)".formatted(
                IntStream.rangeClosed(1, ids.size()).mapToObj(i -> "?" + i).collect(Collectors.joining(", "))));
        for (int i = 0; i < ids.size(); i++) {
            q.setParameter(i + 1, ids.get(i));
        }
        q.executeUpdate();
        return perOrganization(rows);
    }

    /** Up to {@code max} (id, organization id) of {@code table} older than {@code before}, locked for this purge. */
    @SuppressWarnings("unchecked")
    private List<Object[]> select(String table, String timeColumn, UUID organizationId, Instant before, int max) {
        if (max < 1) {
            return List.of();
        }
        Query q = entityManager.createNativeQuery("""
                SELECT id, organization_id FROM %s
                 WHERE %s < ?1%s
                 FETCH FIRST %d ROWS ONLY
                 FOR UPDATE SKIP LOCKED""".formatted(table, timeColumn,
                organizationId == null ? "" : " AND organization_id = ?2", max))
                .setParameter(1, utc(before));
        if (organizationId != null) {
            q.setParameter(2, organizationId.toString());
        }
        return q.getResultList();
    }

    private static Map<UUID, Integer> perOrganization(List<Object[]> rows) {
        Map<UUID, Integer> counts = new HashMap<>();
        for (Object[] row : rows) {
            UUID organization = row[1] == null ? null : UUID.fromString(row[1].toString());
            counts.merge(organization, 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public void add(RetentionRun run) {
        entityManager.createNativeQuery("""
                INSERT INTO retention_run (id, organization_id, ran_at, visits_before, audit_before, visits_deleted,
                                           audit_deleted)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, UUID.randomUUID().toString())
                .setParameter(2, run.organizationId() == null ? null : run.organizationId().toString())
                .setParameter(3, utc(run.ranAt()))
                .setParameter(4, utc(run.visitsBefore()))
                .setParameter(5, utc(run.auditBefore()))
                .setParameter(6, run.visitsDeleted())
                .setParameter(7, run.auditDeleted())
                .executeUpdate();
    }

    @Override
    public Optional<RetentionRun> latest(UUID organizationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT organization_id, ran_at, visits_before, audit_before, visits_deleted, audit_deleted
                  FROM retention_run WHERE organization_id = ?1
                 ORDER BY ran_at DESC FETCH FIRST 1 ROWS ONLY""")
                .setParameter(1, organizationId.toString()).getResultList();
        return rows.stream().findFirst().map(JpaRetentionRepository::run);
    }

    @Override
    public List<RetentionRun> recent(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT organization_id, ran_at, visits_before, audit_before, visits_deleted, audit_deleted
                  FROM retention_run ORDER BY ran_at DESC FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, max)))
                .getResultList();
        List<RetentionRun> runs = new ArrayList<>();
        rows.forEach(r -> runs.add(run(r)));
        return runs;
    }

    private static RetentionRun run(Object[] r) {
        return new RetentionRun(r[0] == null ? null : UUID.fromString(r[0].toString()), instant(r[1]), instant(r[2]),
                instant(r[3]), ((Number) r[4]).longValue(), ((Number) r[5]).longValue());
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.Instant i) {
            return i;
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("A time the store gave as " + value.getClass().getName());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
