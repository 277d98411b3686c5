package org.openvisit.identity.domain.model;

import org.openvisit.tenant.domain.model.PortalUsername;

import java.util.Optional;

/** The built-in portal accounts. */
public interface AccountRepository {

    void add(PortalAccount account);

    Optional<PortalAccount> findByUsername(PortalUsername username);

    long count();
}
