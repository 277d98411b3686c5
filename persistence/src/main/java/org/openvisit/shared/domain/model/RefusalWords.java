package org.openvisit.shared.domain.model;

import java.util.Optional;

/**
 * The words a refusal names ({@link WordedRefusal}): a code and its arguments, kept by each refusing exception so that
 * the three of them share one way of holding them. Not thread-safe: an exception is named once, where it is thrown.
 */
final class RefusalWords implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private String code;
    private Object[] arguments = new Object[0];

    /** Names the words: the arguments are strings and numbers. */
    void name(String wordsCode, Object... wordsArguments) {
        this.code = wordsCode;
        this.arguments = wordsArguments == null ? new Object[0] : wordsArguments.clone();
    }

    Optional<String> code() {
        return Optional.ofNullable(code);
    }

    Object[] arguments() {
        return arguments.clone();
    }
}
