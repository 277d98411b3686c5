package org.openvisit.ehr.graph;

import jakarta.ejb.ApplicationException;

import java.time.Duration;
import java.util.Optional;

/**
 * Microsoft Entra or Graph refused, or could not be reached: {@link #kind()} says which case it is (the portal and
 * the launch page put it in words in four languages), the message says it in English for the IT person who fixes
 * it (the launch audit keeps it), never with a token, secret or assertion in it. It reaches callers of services as
 * it is, and rolls back their transaction (a launch whose meeting could not be made stores no visit).
 */
@ApplicationException(rollback = true, inherited = true)
public class GraphFailure extends RuntimeException {

    /** What went wrong, each a thing an IT person can act on. */
    public enum Kind {
        /** The organization has no complete Teams settings. */
        NOT_CONFIGURED,
        /** Entra does not know the directory (tenant) id. */
        WRONG_TENANT,
        /** The tenant has no app with this application (client) id. */
        UNKNOWN_CLIENT,
        /** The secret or the certificate assertion was not accepted. */
        BAD_CREDENTIAL,
        /** The secret or the certificate has expired. */
        CREDENTIAL_EXPIRED,
        /** The application permission OnlineMeetings.ReadWrite.All is missing or has no admin consent. */
        PERMISSION_MISSING,
        /** The application permission CallRecords.Read.All (call quality of Teams visits) is missing or has no consent. */
        CALL_RECORDS_PERMISSION_MISSING,
        /** Graph could not validate OpenVisit's notification address (not reachable, not https, or too slow). */
        NOTIFICATION_URL_REFUSED,
        /** OpenVisit's public address is not set, so Graph has nowhere to send notifications (nothing was asked). */
        NOTIFICATION_URL_NOT_SET,
        /** No application access policy lets the app create meetings for the organizer. */
        NO_ACCESS_POLICY,
        /** The organizer account does not exist in the tenant (or has no Teams licence). */
        ORGANIZER_NOT_FOUND,
        /** Graph asked OpenVisit to slow down (429) for longer than a launch can wait. */
        THROTTLED,
        /** Graph or Entra answered with a server error (5xx) after retries. */
        SERVICE_DOWN,
        /** Entra or Graph could not be reached (DNS, connection, timeout, address policy). */
        UNREACHABLE,
        /** Another answer OpenVisit cannot use. */
        UNEXPECTED
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public GraphFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public GraphFailure(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long Graph asked to wait, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
