package org.openvisit.sandbox.oauth;

/**
 * How the token endpoint misbehaves on purpose, so that an app's refusals can be tested against a
 * real EHR: a server error instead of tokens, or an id_token that a careful app must refuse.
 */
public enum TokenFault {
    NONE,
    /** {@code 500} with {@code {"error":"server_error"}} instead of the token response. */
    SERVER_ERROR,
    /** The id_token is signed by a key that is not in the JWKS (same key id). */
    ID_TOKEN_BAD_SIGNATURE,
    /** The id_token's {@code aud} is another client. */
    ID_TOKEN_WRONG_AUDIENCE,
    /** The id_token expired ten minutes ago. */
    ID_TOKEN_EXPIRED
}
