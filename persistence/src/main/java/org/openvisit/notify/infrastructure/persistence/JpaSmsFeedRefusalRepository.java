package org.openvisit.notify.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.notify.domain.model.FeedRefusalCount;
import org.openvisit.notify.domain.model.SmsFeedRefusalRepository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Plain rows of {@code sms_feed_refusal}: one UPDATE adds to a count, an INSERT starts it. */
@ApplicationScoped
public class JpaSmsFeedRefusalRepository implements SmsFeedRefusalRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaSmsFeedRefusalRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaSmsFeedRefusalRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void count(UUID endpointId, UUID organizationId, String reason, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        int updated = entityManager.createNativeQuery("UPDATE sms_feed_refusal SET refused = refused + 1, "
                        + "last_at = CASE WHEN last_at < ?1 THEN ?1 ELSE last_at END "
                        + "WHERE endpoint_id = ?2 AND reason = ?3")
                .setParameter(1, when).setParameter(2, endpointId.toString()).setParameter(3, reason).executeUpdate();
        if (updated == 0) {
            entityManager.createNativeQuery("INSERT INTO sms_feed_refusal (endpoint_id, reason, organization_id, "
                            + "refused, last_at) VALUES (?1, ?2, ?3, 1, ?4)")
                    .setParameter(1, endpointId.toString()).setParameter(2, reason)
                    .setParameter(3, organizationId.toString()).setParameter(4, when).executeUpdate();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<FeedRefusalCount> ofOrganization(UUID organizationId) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT endpoint_id, reason, refused, last_at "
                        + "FROM sms_feed_refusal WHERE organization_id = ?1 ORDER BY endpoint_id, reason")
                .setParameter(1, organizationId.toString()).getResultList();
        return rows.stream().map(r -> new FeedRefusalCount(UUID.fromString(r[0].toString()), r[1].toString(),
                ((Number) r[2]).longValue(), instant(r[3]))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }
}
