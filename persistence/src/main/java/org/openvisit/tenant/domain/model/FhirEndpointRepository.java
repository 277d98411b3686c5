package org.openvisit.tenant.domain.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/** The FHIR endpoints of all organizations, as a collection. */
public interface FhirEndpointRepository {

    /** Adds a new endpoint with its history; a clash with the unique organization + environment + URL surfaces here. */
    void add(FhirEndpoint endpoint);

    Optional<FhirEndpoint> find(UUID id);

    /** A page of one organization's endpoints ordered by base URL and environment: {@code first} is the index of the first row. */
    List<FhirEndpoint> findByOrganization(UUID organizationId, int first, int max);

    long countByOrganization(UUID organizationId);

    /**
     * The launch lookup: the APPROVED endpoints with this base URL. Uniqueness is per organization and
     * environment, so more than one organization (for example affiliates sharing one EHR) can have the same
     * URL approved; the caller decides what to do when there is more than one.
     */
    List<FhirEndpoint> findApprovedByBaseUrl(FhirBaseUrl baseUrl);

    /** The endpoints whose own launch URLs carry this key (one, or the demo's several base URLs), whatever their status. */
    List<FhirEndpoint> findByLaunchKey(String launchKey);

    Optional<FhirEndpoint> findByOrganizationEnvironmentAndUrl(UUID organizationId, FhirEnvironment environment,
                                                               FhirBaseUrl baseUrl);

    /**
     * Which organizations have an endpoint (in any status, any environment) with each of these base URLs: the
     * shared EHRs among them are the URLs with more than one organization. URLs nobody uses are left out.
     */
    Map<FhirBaseUrl, Set<UUID>> organizationsUsing(Collection<FhirBaseUrl> baseUrls);
}
