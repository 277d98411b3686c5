package org.openvisit.identity.application;

import org.openvisit.shared.domain.model.ConflictException;

/** A user with that name (ignoring case) exists already. */
public class DuplicateAccountException extends ConflictException {

    public DuplicateAccountException(String username) {
        super("A user named \"" + username + "\" exists already.");
        worded("account.duplicate", username);
    }
}
