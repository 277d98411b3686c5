package org.openvisit.tenant.domain.model;

import java.util.Optional;

/**
 * A FHIR base URL was refused. The field is always {@code baseUrl}; {@link #problem()} says which
 * rule refused it, for callers that react to it (and for tests).
 */
public class InvalidFhirBaseUrlException extends InvalidEndpointException {

    public static final String FIELD = "baseUrl";

    /** Which rule refused the URL. */
    public enum Problem {
        REQUIRED, TOO_LONG, MALFORMED, UNSUPPORTED_SCHEME, HTTPS_REQUIRED, CREDENTIALS, QUERY, FRAGMENT,
        INVALID_HOST, INVALID_PORT, REFUSED_ADDRESS
    }

    private final Problem problem;
    private final AddressRange addressRange;

    public InvalidFhirBaseUrlException(Problem problem, String message) {
        this(problem, null, message);
    }

    public InvalidFhirBaseUrlException(Problem problem, AddressRange addressRange, String message) {
        super(FIELD, message);
        this.problem = problem;
        this.addressRange = addressRange;
    }

    public Problem problem() {
        return problem;
    }

    /** For {@link Problem#REFUSED_ADDRESS}: the kind of address that was refused. */
    public Optional<AddressRange> addressRange() {
        return Optional.ofNullable(addressRange);
    }
}
