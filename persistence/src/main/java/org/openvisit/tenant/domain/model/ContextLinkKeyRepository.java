package org.openvisit.tenant.domain.model;

import java.util.Optional;
import java.util.UUID;

/** The context-link keys of all endpoints. */
public interface ContextLinkKeyRepository {

    void add(ContextLinkKey key);

    /** The endpoint's key in use, if it has one. */
    Optional<ContextLinkKey> activeFor(UUID endpointId);

    Optional<ContextLinkKey> findByKeyId(String keyId);
}
