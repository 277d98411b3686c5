package org.openvisit.identity.application;

import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.util.Set;
import java.util.UUID;

/** Who is signed in: the account's name, display name, organization and roles. */
public record SignedInUser(String username, String displayName, UUID organizationId, Set<Role> roles) {

    public Actor actor() {
        return new Actor(username, organizationId, roles);
    }
}
