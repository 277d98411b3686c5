package org.openvisit.tenant.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.FhirEnvironment;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaFhirEndpointRepository implements FhirEndpointRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaFhirEndpointRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaFhirEndpointRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(FhirEndpoint endpoint) {
        entityManager.persist(endpoint);
        entityManager.flush(); // a clash with the unique organization + environment + URL surfaces here
    }

    @Override
    public Optional<FhirEndpoint> find(UUID id) {
        return Optional.ofNullable(entityManager.find(FhirEndpoint.class, id.toString()));
    }

    @Override
    public List<FhirEndpoint> findByOrganization(UUID organizationId, int first, int max) {
        return entityManager.createNamedQuery(FhirEndpoint.BY_ORGANIZATION, FhirEndpoint.class)
                .setParameter("organizationId", organizationId.toString())
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public long countByOrganization(UUID organizationId) {
        return entityManager.createNamedQuery(FhirEndpoint.COUNT_BY_ORGANIZATION, Long.class)
                .setParameter("organizationId", organizationId.toString())
                .getSingleResult();
    }

    @Override
    public List<FhirEndpoint> findApprovedByBaseUrl(FhirBaseUrl baseUrl) {
        return entityManager.createNamedQuery(FhirEndpoint.BY_BASE_URL_AND_STATUS, FhirEndpoint.class)
                .setParameter("baseUrl", baseUrl.value())
                .setParameter("status", EndpointStatus.APPROVED)
                .getResultList();
    }

    @Override
    public List<FhirEndpoint> findByLaunchKey(String launchKey) {
        return entityManager.createNamedQuery(FhirEndpoint.BY_LAUNCH_KEY, FhirEndpoint.class)
                .setParameter("launchKey", launchKey)
                .setMaxResults(20)
                .getResultList();
    }

    @Override
    public Optional<FhirEndpoint> findByOrganizationEnvironmentAndUrl(UUID organizationId, FhirEnvironment environment,
                                                                      FhirBaseUrl baseUrl) {
        return entityManager.createNamedQuery(FhirEndpoint.BY_ORGANIZATION_ENVIRONMENT_AND_URL, FhirEndpoint.class)
                .setParameter("organizationId", organizationId.toString())
                .setParameter("environment", environment)
                .setParameter("baseUrl", baseUrl.value())
                .getResultStream()
                .findFirst();
    }

    @Override
    public Map<FhirBaseUrl, Set<UUID>> organizationsUsing(Collection<FhirBaseUrl> baseUrls) {
        Map<FhirBaseUrl, Set<UUID>> using = new LinkedHashMap<>();
        if (baseUrls.isEmpty()) {
            return using;
        }
        Map<String, FhirBaseUrl> byValue = new LinkedHashMap<>();
        baseUrls.forEach(url -> byValue.put(url.value(), url));
        List<Object[]> rows = entityManager.createNamedQuery(FhirEndpoint.ORGANIZATIONS_BY_BASE_URLS, Object[].class)
                .setParameter("baseUrls", List.copyOf(byValue.keySet()))
                .getResultList();
        for (Object[] row : rows) {
            using.computeIfAbsent(byValue.get((String) row[0]), url -> new LinkedHashSet<>())
                    .add(UUID.fromString((String) row[1]));
        }
        return using;
    }
}
