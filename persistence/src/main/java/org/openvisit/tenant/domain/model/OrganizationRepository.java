package org.openvisit.tenant.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The organizations OpenVisit knows, as a collection. */
public interface OrganizationRepository {

    void add(Organization organization);

    Optional<Organization> find(UUID id);

    Optional<Organization> findByName(OrganizationName name);

    /** A page of organizations ordered by name: {@code first} is the index of the first row. */
    List<Organization> list(int first, int max);

    /** The organizations of {@code region} that keep their visits for less than the installation. */
    List<Organization> withVisitRetention(DataRegion region);

    long count();
}
