package org.openvisit.region.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.launch.infrastructure.persistence.JpaContextLinkUseRepository;
import org.openvisit.launch.infrastructure.persistence.JpaLaunchAuditRepository;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.region.domain.model.RegionalStores;
import org.openvisit.report.infrastructure.persistence.JpaVisitSummaryRepository;
import org.openvisit.retention.infrastructure.persistence.JpaRetentionRepository;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.infrastructure.persistence.JpaCallQualityRepository;
import org.openvisit.visit.infrastructure.persistence.JpaVisitRepository;
import org.openvisit.writeback.infrastructure.persistence.JpaDeliveryTaskRepository;

import java.util.EnumMap;
import java.util.Map;

/**
 * The regional stores on their persistence units ({@code openvisit-americas}, {@code openvisit-emea},
 * {@code openvisit-apac}), each on its own data source. The container's entity managers are transaction-scoped
 * proxies, so one set of repositories per region serves every caller.
 */
@ApplicationScoped
public class JpaRegionalStores implements RegionalStores {

    @PersistenceContext(unitName = "openvisit-americas")
    private EntityManager americas;

    @PersistenceContext(unitName = "openvisit-emea")
    private EntityManager emea;

    @PersistenceContext(unitName = "openvisit-apac")
    private EntityManager apac;

    private final Map<DataRegion, RegionalStore> stores = new EnumMap<>(DataRegion.class);

    protected JpaRegionalStores() {
        // for CDI
    }

    /** Outside the container (tests, tools): one entity manager per region, managed by the caller. */
    public JpaRegionalStores(Map<DataRegion, EntityManager> entityManagers) {
        entityManagers.forEach((region, em) -> stores.put(region, store(region, em)));
    }

    @PostConstruct
    void open() {
        stores.put(DataRegion.AMERICAS, store(DataRegion.AMERICAS, americas));
        stores.put(DataRegion.EMEA, store(DataRegion.EMEA, emea));
        stores.put(DataRegion.APAC, store(DataRegion.APAC, apac));
    }

    private static RegionalStore store(DataRegion region, EntityManager em) {
        return new RegionalStore(region, new JpaVisitRepository(em, region), new JpaCallQualityRepository(em, region),
                new JpaLaunchAuditRepository(em, region), new JpaContextLinkUseRepository(em, region),
                new JpaDeliveryTaskRepository(em, region), new JpaVisitSummaryRepository(em, region),
                new JpaRetentionRepository(em),
                new org.openvisit.notify.infrastructure.persistence.JpaSmsFeedRepository(em),
                new org.openvisit.audit.infrastructure.persistence.JpaOrganizationAuditRepository(em, region),
                new org.openvisit.visit.infrastructure.persistence.JpaTeamsAttendanceRepository(em, region),
                new org.openvisit.visit.infrastructure.persistence.JpaRevokedJoinLinkRepository(em, region));
    }

    @Override
    public RegionalStore in(DataRegion region) {
        RegionalStore store = stores.get(region);
        if (store == null) {
            throw new IllegalArgumentException("No store for the region " + region);
        }
        return store;
    }
}
