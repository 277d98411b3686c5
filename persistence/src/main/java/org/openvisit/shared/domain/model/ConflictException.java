package org.openvisit.shared.domain.model;

import jakarta.ejb.ApplicationException;

/**
 * A request clashes with what is stored already (a duplicate, a concurrent change). It rolls back
 * the transaction and reaches the caller as it is.
 */
@ApplicationException(rollback = true, inherited = true)
public class ConflictException extends RuntimeException implements WordedRefusal {

    private String code;
    private Object[] arguments = new Object[0];

    public ConflictException(String message) {
        super(message);
    }

    /** Names the words of this refusal ({@link WordedRefusal}); the arguments are strings and numbers. */
    public ConflictException worded(String wordsCode, Object... wordsArguments) {
        this.code = wordsCode;
        this.arguments = wordsArguments == null ? new Object[0] : wordsArguments.clone();
        return this;
    }

    @Override
    public java.util.Optional<String> code() {
        return java.util.Optional.ofNullable(code);
    }

    @Override
    public Object[] arguments() {
        return arguments.clone();
    }
}
