package org.openvisit.writeback.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The write-back settings and backend keys of the endpoints. */
public interface WriteBackEndpointRepository {

    /** Stores and flushes: a second row for the same endpoint fails here. */
    void add(WriteBackEndpoint endpoint);

    Optional<WriteBackEndpoint> find(UUID endpointId);

    /** All of them, oldest first (the JWKS lists their public keys). */
    List<WriteBackEndpoint> all();
}
