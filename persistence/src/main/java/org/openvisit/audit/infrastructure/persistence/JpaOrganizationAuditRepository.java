package org.openvisit.audit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.openvisit.audit.domain.model.OrganizationAuditRecord;
import org.openvisit.audit.domain.model.OrganizationAuditRepository;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected. */
public class JpaOrganizationAuditRepository extends JpaAuditRecords<OrganizationAuditRecord>
        implements OrganizationAuditRepository {

    private static final String DUE = """
            SELECT a.id FROM audit_event a
             WHERE a.forward_state = 'PENDING' AND a.forward_next_at <= ?1
             ORDER BY a.forward_next_at
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    private final EntityManager entityManager;
    private final RegionGuard guard;

    /** On the regional store of {@code region}: a row of another region is refused before it is written. */
    public JpaOrganizationAuditRepository(EntityManager entityManager, DataRegion region) {
        this(entityManager, RegionGuard.of(region));
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages, on a store of no set region. */
    public JpaOrganizationAuditRepository(EntityManager entityManager) {
        this(entityManager, RegionGuard.NONE);
    }

    private JpaOrganizationAuditRepository(EntityManager entityManager, RegionGuard guard) {
        super(OrganizationAuditRecord.class, "audit_event");
        this.entityManager = entityManager;
        this.guard = guard;
    }

    @Override
    protected EntityManager entityManager() {
        return entityManager;
    }

    @Override
    public void add(OrganizationAuditRecord record) {
        guard.require(record.id(), "audit event");
        guard.require(record.visitId().orElse(null), "audit event's visit");
        entityManager.persist(record);
        entityManager.flush();
    }

    @Override
    public Optional<OrganizationAuditRecord> find(UUID id) {
        return Optional.ofNullable(entityManager.find(OrganizationAuditRecord.class, id.toString()));
    }

    @Override
    public List<OrganizationAuditRecord> claimForwards(Instant now, Duration lease, int max) {
        if (max < 1) {
            return List.of();
        }
        List<OrganizationAuditRecord> claimed = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery(DUE.formatted(max))
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).getResultList()) {
            String id = row instanceof Object[] a ? a[0].toString() : row.toString();
            OrganizationAuditRecord record = entityManager.find(OrganizationAuditRecord.class, id);
            // regions kept in one database share the table: another region's rows are left to that region's sender
            if (record != null && record.isForwardDue(now) && guard.admits(record.id())) {
                record.claimForward(now, lease);
                claimed.add(record);
            }
        }
        claimed.sort(Comparator.comparing(OrganizationAuditRecord::recordedAt));
        entityManager.flush();
        return claimed;
    }
}
