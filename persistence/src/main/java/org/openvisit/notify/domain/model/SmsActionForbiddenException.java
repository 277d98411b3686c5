package org.openvisit.notify.domain.model;

import org.openvisit.shared.domain.model.ForbiddenException;

/** Only an administrator (ORG_ADMIN) of the organization changes its SMS setup. */
public class SmsActionForbiddenException extends ForbiddenException {

    public SmsActionForbiddenException() {
        super("Only an administrator (ORG_ADMIN) of the organization may change its SMS setup.");
    }
}
