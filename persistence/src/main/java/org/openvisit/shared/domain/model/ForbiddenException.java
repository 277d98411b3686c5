package org.openvisit.shared.domain.model;

import jakarta.ejb.ApplicationException;

/**
 * The signed-in user may not do what they asked. The message says who may; it rolls back the
 * transaction and reaches the caller as it is.
 */
@ApplicationException(rollback = true, inherited = true)
public class ForbiddenException extends RuntimeException implements WordedRefusal {

    private String code;
    private Object[] arguments = new Object[0];

    public ForbiddenException(String message) {
        super(message);
    }

    /** Names the words of this refusal ({@link WordedRefusal}); the arguments are strings and numbers. */
    public ForbiddenException worded(String wordsCode, Object... wordsArguments) {
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
