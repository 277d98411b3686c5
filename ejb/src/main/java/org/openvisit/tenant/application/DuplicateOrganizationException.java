package org.openvisit.tenant.application;

import org.openvisit.shared.domain.model.ConflictException;

/** An organization with that name (ignoring case) is registered already. */
public class DuplicateOrganizationException extends ConflictException {

    public DuplicateOrganizationException(String name) {
        super("An organization named \"" + name + "\" is registered already.");
        worded("organization.duplicate", name);
    }
}
