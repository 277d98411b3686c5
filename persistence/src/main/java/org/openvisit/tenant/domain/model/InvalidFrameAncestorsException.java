package org.openvisit.tenant.domain.model;

/**
 * A list of sites allowed to frame OpenVisit was refused. {@link #problem()} and {@link #value()} let
 * the portal say it in the reader's language; the message is the English text for the API.
 */
public class InvalidFrameAncestorsException extends InvalidEndpointException {

    public static final String FIELD = "frameAncestors";

    /** Why a value was refused. */
    public enum Problem {
        /** Not {@code scheme://host[:port]}. */
        NOT_AN_ORIGIN,
        /** {@code http} outside development mode. */
        NOT_HTTPS,
        /** A path, query or fragment after the site. */
        HAS_PATH,
        /** A {@code *}. */
        WILDCARD,
        /** More sites than allowed; the value is the limit. */
        TOO_MANY,
        /** The whole list too long; the value is the limit. */
        TOO_LONG
    }

    private final Problem problem;
    private final String value;

    public InvalidFrameAncestorsException(Problem problem, String value, String message) {
        super(FIELD, message);
        this.problem = problem;
        this.value = value;
    }

    public Problem problem() {
        return problem;
    }

    /** The value refused (shortened), or the limit exceeded. */
    public String value() {
        return value;
    }
}
