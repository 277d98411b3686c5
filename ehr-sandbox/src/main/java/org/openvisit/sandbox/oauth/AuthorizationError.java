package org.openvisit.sandbox.oauth;

/**
 * An authorization request the sandbox refuses. When {@code redirectUri} is null the client or its
 * redirect URI could not be trusted, so the error is shown to the user instead of being sent back.
 */
public class AuthorizationError extends RuntimeException {

    private final String error;
    private final String redirectUri;
    private final String state;

    public AuthorizationError(String error, String description, String redirectUri, String state) {
        super(description);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    public String error() {
        return error;
    }

    public boolean redirectable() {
        return redirectUri != null;
    }

    /** The redirect back to the client with {@code error}, {@code error_description} and {@code state}. */
    public String redirectLocation() {
        return Urls.withQuery(redirectUri, "error", error, "error_description", getMessage(), "state", state);
    }
}
