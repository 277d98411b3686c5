package org.openvisit.identity.application;

import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.util.Set;
import java.util.UUID;

/**
 * Who is signed in: the account's name, display name, organization and roles; whether the password is a one-time
 * password of a reset (changed before anything else) and the language the person chose ({@code null}: the browser's).
 */
public record SignedInUser(String username, String displayName, UUID organizationId, Set<Role> roles,
                           boolean mustChangePassword, org.openvisit.shared.domain.model.Language language) {

    public Actor actor() {
        return new Actor(username, organizationId, roles);
    }
}
