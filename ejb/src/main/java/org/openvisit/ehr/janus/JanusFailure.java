package org.openvisit.ehr.janus;

/**
 * Janus did not do what OpenVisit asked: it could not be reached ({@link Kind#UNREACHABLE}), refused the request
 * (wrong admin secret or create key: {@link Kind#REFUSED}), or the VideoRoom plugin answered with an error
 * ({@link Kind#PLUGIN}, with Janus's numeric {@link #code()}). The message says what happened without any token or
 * secret.
 */
public class JanusFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Kind { UNREACHABLE, REFUSED, PLUGIN }

    private final Kind kind;
    private final int code;

    public JanusFailure(Kind kind, int code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public JanusFailure(Kind kind, int code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** Janus's error code (e.g. 403, 426 no such room, 427 room exists, 428 no such user), 0 when none. */
    public int code() {
        return code;
    }
}
