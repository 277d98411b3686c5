package org.openvisit.identity.infrastructure.oidc;

/**
 * A portal sign-in with the identity provider could not be done. The message is for the person who
 * tried (and their IT); {@link #code()} is short, for logs and tests. Never contains codes, tokens or
 * secrets.
 */
public class OidcSignInException extends RuntimeException {

    private final String code;

    public OidcSignInException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
