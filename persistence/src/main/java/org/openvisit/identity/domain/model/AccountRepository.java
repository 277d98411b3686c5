package org.openvisit.identity.domain.model;

import org.openvisit.tenant.domain.model.PortalUsername;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The built-in portal accounts. */
public interface AccountRepository {

    void add(PortalAccount account);

    Optional<PortalAccount> findByUsername(PortalUsername username);

    long count();

    /** A page of an organization's accounts ordered by username: {@code first} is the index of the first row. */
    List<PortalAccount> findByOrganization(UUID organizationId, int first, int max);

    long countByOrganization(UUID organizationId);
}
