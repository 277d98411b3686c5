package org.openvisit.ehr;

/**
 * A SMART sign-in could not be done. The message is written for the IT person or analyst who tried
 * it; {@link #failure()} says which kind of failure, with a short code for URLs and tests. Messages
 * never contain tokens, codes or other secrets.
 */
public class SmartSignInException extends RuntimeException {

    /** What went wrong, each with a short code that can travel in a URL. */
    public enum Failure {
        /** The host could not be reached (DNS, connection refused, TLS). */
        UNREACHABLE("unreachable"),
        /** The host did not answer in time. */
        TIMEOUT("timeout"),
        /** The URL leads to an address this installation never connects to. */
        REFUSED_ADDRESS("refused_address"),
        /** No usable {@code .well-known/smart-configuration}. */
        NOT_A_SMART_SERVER("not_smart"),
        /** The user cancelled at the EHR ({@code error=access_denied}). */
        CANCELLED("cancelled"),
        /** The EHR's authorize endpoint answered with another error. */
        EHR_REFUSED("ehr_refused"),
        /** The token endpoint refused the code or answered something unusable. */
        TOKEN_ENDPOINT_ERROR("token_error"),
        /** The EHR's key set (JWKS) could not be read. */
        INVALID_JWKS("invalid_jwks"),
        /** No id_token, or one that cannot be read. */
        INVALID_ID_TOKEN("invalid_id_token"),
        /** The id_token's signature does not match a key of the EHR. */
        BAD_SIGNATURE("bad_signature"),
        /** The id_token was issued by someone else than the FHIR server. */
        WRONG_ISSUER("wrong_issuer"),
        /** The id_token was issued for another app. */
        WRONG_AUDIENCE("wrong_audience"),
        /** The id_token has expired (or the clocks disagree). */
        EXPIRED("expired"),
        /** The id_token's nonce is not the one OpenVisit sent. */
        WRONG_NONCE("wrong_nonce"),
        /** The id_token names no EHR user. */
        NO_EHR_USER("no_ehr_user");

        private final String code;

        Failure(String code) {
            this.code = code;
        }

        /** A short lower-case code, e.g. {@code not_smart}. */
        public String code() {
            return code;
        }
    }

    private final Failure failure;

    public SmartSignInException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public SmartSignInException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
