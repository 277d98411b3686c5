package org.openvisit.sandbox.oauth;

/**
 * The token endpoint's fault switch: a {@link TokenFault} for the next {@code count} token responses
 * (authorization-code grants only), then back to normal by itself, so a test cannot leave it on.
 */
public class TokenFaults {

    private TokenFault fault = TokenFault.NONE;
    private int remaining;

    /** Switches {@code fault} on for the next {@code count} (1-100) token responses. */
    public synchronized void set(TokenFault fault, int count) {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count must be 1-100");
        }
        this.fault = fault == null ? TokenFault.NONE : fault;
        this.remaining = this.fault == TokenFault.NONE ? 0 : count;
    }

    public synchronized void clear() {
        set(TokenFault.NONE, 1);
    }

    /** The fault switched on and how many responses it still applies to. */
    public synchronized TokenFault current() {
        return remaining > 0 ? fault : TokenFault.NONE;
    }

    public synchronized int remaining() {
        return remaining;
    }

    /** The fault for this token response (using one of its count), or NONE. */
    synchronized TokenFault take() {
        if (remaining <= 0) {
            return TokenFault.NONE;
        }
        remaining--;
        return fault;
    }
}
