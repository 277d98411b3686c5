package org.openvisit.sandbox.contextlink;

/** A context-link token that cannot be trusted: malformed, unknown key, or altered. */
public class InvalidContextLinkException extends RuntimeException {

    public InvalidContextLinkException(String message) {
        super(message);
    }
}
