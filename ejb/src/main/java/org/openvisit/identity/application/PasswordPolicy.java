package org.openvisit.identity.application;

import org.openvisit.identity.domain.model.InvalidAccountException;

/** What a portal password must be: long enough to resist guessing, short enough to hash quickly. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    public static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new InvalidAccountException("password", "The password must be at least " + MIN_LENGTH + " characters long.");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidAccountException("password", "The password must be at most " + MAX_LENGTH + " characters long.");
        }
        if (password.strip().equalsIgnoreCase(username == null ? "" : username.strip())) {
            throw new InvalidAccountException("password", "The password must not be the username.");
        }
    }
}
