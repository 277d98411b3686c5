package org.openvisit.identity.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Failed sign-ins per account and per address. */
public interface SignInFailuresRepository {

    Optional<SignInFailures> find(String subject);

    void add(SignInFailures failures);

    /** Forgets the subject's failures (a success, or an operator's unlock); answers whether there were any. */
    boolean forget(String subject);

    /** The subjects locked at {@code now}, by subject. */
    List<SignInFailures> locked(Instant now);

    /** Forgets subjects whose last failure was before {@code before} and that are not locked at {@code now}. */
    int forgetOlderThan(Instant before, Instant now);
}
