package org.openvisit.identity.application;

/**
 * The outcome of an administrator's password reset: the account and its one-time password, to be shown once to the
 * administrator (who hands it over) and never kept; the person changes it at their next sign-in.
 */
public record PasswordReset(String username, String oneTimePassword) implements java.io.Serializable {

    @Override
    public String toString() {
        return "PasswordReset[" + username + "]";
    }
}
