package org.openvisit.shared.domain.model;

import jakarta.ejb.ApplicationException;

/**
 * The signed-in user may not do what they asked. The message says who may; it rolls back the
 * transaction and reaches the caller as it is.
 */
@ApplicationException(rollback = true, inherited = true)
public class ForbiddenException extends RuntimeException implements WordedRefusal {

    private final RefusalWords words = new RefusalWords();

    public ForbiddenException(String message) {
        super(message);
    }

    /** Names the words of this refusal ({@link WordedRefusal}); the arguments are strings and numbers. */
    public ForbiddenException worded(String wordsCode, Object... wordsArguments) {
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
