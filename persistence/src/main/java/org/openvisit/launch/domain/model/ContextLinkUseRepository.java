package org.openvisit.launch.domain.model;

import java.time.Instant;

/** The context links used so far, until they expire. */
public interface ContextLinkUseRepository {

    /** Stores the use and flushes: a second use of the same token fails here ({@code PersistenceException}). */
    void add(ContextLinkUse use);

    /** Forgets uses whose links expired before {@code before}; answers how many. */
    int forgetExpired(Instant before);
}
