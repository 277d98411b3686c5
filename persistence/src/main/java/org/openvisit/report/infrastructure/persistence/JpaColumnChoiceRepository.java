package org.openvisit.report.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.report.domain.model.ColumnChoice;
import org.openvisit.report.domain.model.ColumnChoiceRepository;

import java.util.Optional;
import java.util.UUID;

/** The reports' column choices in the global store with JPA. */
@ApplicationScoped
public class JpaColumnChoiceRepository implements ColumnChoiceRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaColumnChoiceRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaColumnChoiceRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Optional<ColumnChoice> find(UUID accountId) {
        return Optional.ofNullable(entityManager.find(ColumnChoice.class, accountId.toString()));
    }

    @Override
    public void add(ColumnChoice choice) {
        entityManager.persist(choice);
    }
}
