package org.openvisit.visit.domain.model;

import java.time.Instant;

/** The revoked join links, until they could no longer be valid. */
public interface RevokedJoinLinkRepository {

    /** Stores the revocation unless the link is revoked already. */
    void revoke(RevokedJoinLink link);

    boolean isRevoked(String linkId);

    /** Forgets revocations of links that expired before {@code before}; answers how many. */
    int forgetExpired(Instant before);
}
