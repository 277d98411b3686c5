package org.openvisit.notify.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.notify.domain.model.SmsTemplate;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.notify.domain.model.SmsTemplateRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaSmsTemplateRepository implements SmsTemplateRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaSmsTemplateRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaSmsTemplateRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(SmsTemplate template) {
        entityManager.persist(template);
        entityManager.flush();
    }

    @Override
    public Optional<SmsTemplate> find(UUID organizationId, Optional<UUID> endpointId, SmsTemplateKind kind,
                                      String language) {
        return entityManager.createQuery("SELECT t FROM SmsTemplate t WHERE t.organizationId = :organization "
                        + "AND t.scope = :scope AND t.kind = :kind AND t.language = :language", SmsTemplate.class)
                .setParameter("organization", organizationId.toString())
                .setParameter("scope", SmsTemplate.scopeOf(endpointId)).setParameter("kind", kind)
                .setParameter("language", language).getResultStream().findFirst();
    }

    @Override
    public List<SmsTemplate> ofOrganization(UUID organizationId) {
        return entityManager.createQuery("SELECT t FROM SmsTemplate t WHERE t.organizationId = :organization "
                        + "ORDER BY t.kind, t.language, t.scope", SmsTemplate.class)
                .setParameter("organization", organizationId.toString()).getResultList();
    }

    @Override
    public boolean remove(UUID organizationId, Optional<UUID> endpointId, SmsTemplateKind kind, String language) {
        Optional<SmsTemplate> found = find(organizationId, endpointId, kind, language);
        found.ifPresent(entityManager::remove);
        entityManager.flush();
        return found.isPresent();
    }
}
