package org.openvisit.region.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.region.domain.model.RegionalStores;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;

import java.util.Optional;
import java.util.UUID;

/**
 * Which regional store a piece of work belongs to, and that store, ready: from the organization (read from the global
 * store), from an endpoint (its organization's region), or from a visit or task id (which names its region; an id
 * made before the split is looked up in each ready store in turn). Runs outside any transaction (NOT_SUPPORTED), so
 * its reads of the global store never join a caller's regional transaction: Payara enlists one non-XA resource per
 * transaction, and a transaction stays within one store.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RegionDirectory {

    @Inject
    private RegionalStores stores;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private FhirEndpointRepository endpoints;

    @EJB
    private OpenVisitDatabase database;

    @Inject
    @ConfigProperty(name = "openvisit.region.home", defaultValue = "AMERICAS")
    private String home;

    /**
     * @throws RegionUnavailableException the organization's store cannot be used now
     */
    public RegionalStore ofOrganization(UUID organizationId) {
        return ready(regionOfOrganization(organizationId));
    }

    /** The organization's region (unknown organization: the home region, which holds rows that name none). */
    public DataRegion regionOfOrganization(UUID organizationId) {
        return organizationId == null ? homeRegion()
                : organizations.find(organizationId).map(Organization::dataRegion).orElse(homeRegion());
    }

    /** The region of the endpoint's organization. */
    public DataRegion regionOfEndpoint(UUID endpointId) {
        return endpoints.find(endpointId).map(FhirEndpoint::organizationId).map(this::regionOfOrganization)
                .orElse(homeRegion());
    }

    /**
     * The store of a visit (or of a write-back task: a task's id names its visit's region).
     *
     * @throws RegionUnavailableException the visit's store cannot be used now
     */
    public RegionalStore ofVisit(UUID visitId) {
        return ready(regionOfVisit(visitId));
    }

    public DataRegion regionOfVisit(UUID visitId) {
        Optional<DataRegion> named = DataRegion.ofRecordId(visitId);
        if (named.isPresent()) {
            return named.get();
        }
        for (DataRegion region : database.readyRegions()) { // an id made before the split
            if (stores.in(region).visits().find(visitId).isPresent()) {
                return region;
            }
        }
        return homeRegion();
    }

    /** Where rows that name no organization go (launch refusals of unknown issuers). */
    public DataRegion homeRegion() {
        try {
            return DataRegion.valueOf(home.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return DataRegion.AMERICAS;
        }
    }

    /**
     * The region's store, once its migrations ran on this node.
     *
     * @throws RegionUnavailableException not yet (its database could not be reached)
     */
    public RegionalStore ready(DataRegion region) {
        if (!database.isReady(region)) {
            throw new RegionUnavailableException(region);
        }
        return stores.in(region);
    }
}
