package org.openvisit.shared.domain.model;

import jakarta.ejb.ApplicationException;

/**
 * A request clashes with what is stored already (a duplicate, a concurrent change). It rolls back
 * the transaction and reaches the caller as it is.
 */
@ApplicationException(rollback = true, inherited = true)
public class ConflictException extends RuntimeException implements WordedRefusal {

    private final RefusalWords words = new RefusalWords();

    public ConflictException(String message) {
        super(message);
    }

    /** Names the words of this refusal ({@link WordedRefusal}); the arguments are strings and numbers. */
    public ConflictException worded(String wordsCode, Object... wordsArguments) {
        words.name(wordsCode, wordsArguments);
        return this;
    }

    @Override
    public java.util.Optional<String> code() {
        return words.code();
    }

    @Override
    public Object[] arguments() {
        return words.arguments();
    }
}
