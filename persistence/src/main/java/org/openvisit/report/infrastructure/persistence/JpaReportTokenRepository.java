package org.openvisit.report.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.report.domain.model.ReportToken;
import org.openvisit.report.domain.model.ReportTokenRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reports tokens in the global store with JPA. */
@ApplicationScoped
public class JpaReportTokenRepository implements ReportTokenRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaReportTokenRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaReportTokenRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(ReportToken token) {
        entityManager.persist(token);
    }

    @Override
    public Optional<ReportToken> find(UUID id) {
        return Optional.ofNullable(entityManager.find(ReportToken.class, id.toString()));
    }

    @Override
    public List<ReportToken> ofOrganization(UUID organizationId) {
        return entityManager.createQuery("SELECT t FROM ReportToken t WHERE t.organizationId = :organization"
                        + " ORDER BY t.createdAt DESC", ReportToken.class)
                .setParameter("organization", organizationId.toString()).setMaxResults(500).getResultList();
    }
}
