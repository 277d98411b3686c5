package org.openvisit.audit.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.audit.domain.model.InstallationAuditRecord;
import org.openvisit.audit.domain.model.InstallationAuditRepository;

/** The installation's audit trail in the global store. */
@ApplicationScoped
public class JpaInstallationAuditRepository extends JpaAuditRecords<InstallationAuditRecord>
        implements InstallationAuditRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaInstallationAuditRepository() {
        super(InstallationAuditRecord.class, "installation_audit_event");
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaInstallationAuditRepository(EntityManager entityManager) {
        this();
        this.entityManager = entityManager;
    }

    @Override
    protected EntityManager entityManager() {
        return entityManager;
    }

    @Override
    public void add(InstallationAuditRecord record) {
        entityManager.persist(record);
        entityManager.flush();
    }
}
