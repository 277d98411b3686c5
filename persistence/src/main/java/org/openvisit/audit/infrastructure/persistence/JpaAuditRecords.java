package org.openvisit.audit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.openvisit.audit.domain.model.AuditFilter;
import org.openvisit.audit.domain.model.AuditRecord;
import org.openvisit.audit.domain.model.AuditSort;
import org.openvisit.audit.domain.model.AuditTrailRepository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** What both stores' audit trails do alike, on one entity class and its table. */
abstract class JpaAuditRecords<T extends AuditRecord> implements AuditTrailRepository<T> {

    private final Class<T> type;
    private final String table;

    JpaAuditRecords(Class<T> type, String table) {
        this.type = type;
        this.table = table;
    }

    protected abstract EntityManager entityManager();

    @Override
    public List<T> search(AuditFilter filter, AuditSort sort, boolean ascending, int first, int max) {
        CriteriaBuilder cb = entityManager().getCriteriaBuilder();
        CriteriaQuery<T> query = cb.createQuery(type);
        Root<T> root = query.from(type);
        query.select(root).where(matching(cb, root, filter));
        Path<Object> key = root.get(sort.attribute());
        Path<Object> id = root.get("id");
        query.orderBy(ascending ? cb.asc(key) : cb.desc(key), ascending ? cb.asc(id) : cb.desc(id));
        return entityManager().createQuery(query).setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, max))
                .getResultList();
    }

    @Override
    public long count(AuditFilter filter) {
        CriteriaBuilder cb = entityManager().getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<T> root = query.from(type);
        query.select(cb.count(root)).where(matching(cb, root, filter));
        return entityManager().createQuery(query).getSingleResult();
    }

    private static <T> Predicate[] matching(CriteriaBuilder cb, Root<T> root, AuditFilter filter) {
        List<Predicate> where = new ArrayList<>();
        if (filter.organizationId() != null) {
            where.add(cb.equal(root.get("organizationId"), filter.organizationId().toString()));
        }
        Path<Instant> at = root.get("recordedAt");
        where.add(cb.greaterThanOrEqualTo(at, filter.from()));
        where.add(cb.lessThan(at, filter.to()));
        if (!filter.kinds().isEmpty()) {
            where.add(root.get("kind").in(filter.kinds()));
        }
        if (filter.actor() != null) {
            where.add(cb.equal(cb.lower(root.get("actorId")), filter.actor().toLowerCase(Locale.ROOT)));
        }
        if (filter.outcome() != null) {
            where.add(cb.equal(root.get("outcome"), filter.outcome()));
        }
        return where.toArray(Predicate[]::new);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<UUID, Integer> deleteBefore(Instant before, int max) {
        if (max < 1) {
            return Map.of();
        }
        List<Object[]> rows = entityManager().createNativeQuery("""
                SELECT id, organization_id FROM %s
                 WHERE recorded_at < ?1
                 FETCH FIRST %d ROWS ONLY
                 FOR UPDATE SKIP LOCKED""".formatted(table, max))
                .setParameter(1, before.atOffset(ZoneOffset.UTC)).getResultList();
        if (rows.isEmpty()) {
            return Map.of();
        }
        Query delete = entityManager().createNativeQuery("DELETE FROM %s WHERE id IN (%s)".formatted(table,
                IntStream.rangeClosed(1, rows.size()).mapToObj(i -> "?" + i).collect(Collectors.joining(", "))));
        for (int i = 0; i < rows.size(); i++) {
            delete.setParameter(i + 1, rows.get(i)[0].toString());
        }
        delete.executeUpdate();
        Map<UUID, Integer> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.merge(row[1] == null ? null : UUID.fromString(row[1].toString()), 1, Integer::sum);
        }
        return counts;
    }
}
