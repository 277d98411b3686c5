package org.openvisit.shared.domain.model;

import jakarta.ejb.ApplicationException;

/**
 * A value was refused by the model. The message is meant for the person who entered it; the field
 * names the input. It rolls back the transaction and reaches the caller as it is.
 */
@ApplicationException(rollback = true, inherited = true)
public class InvalidValueException extends RuntimeException implements WordedRefusal {

    private final RefusalWords words = new RefusalWords();

    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Names the words of this refusal ({@link WordedRefusal}); the arguments are strings and numbers. */
    public InvalidValueException worded(String wordsCode, Object... wordsArguments) {
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
