package org.openvisit.tenant.domain.model;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in user on whose behalf the model acts, as the identity layer established it.
 * {@code organizationId} is the organization the user's organization roles belong to; it is
 * {@code null} for an operator who holds no organization role.
 */
public record Actor(String username, UUID organizationId, Set<Role> roles) implements Serializable {

    public Actor {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("An actor needs a username.");
        }
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        if (organizationId == null && roles.stream().anyMatch(Role::isOrganizationRole)) {
            throw new IllegalArgumentException("The roles " + roles + " are held within an organization; "
                    + "the actor needs an organization id.");
        }
    }

    public static Actor operator(String username) {
        return new Actor(username, null, Set.of(Role.OPERATOR));
    }

    public static Actor member(String username, UUID organizationId, Role... roles) {
        return new Actor(username, Objects.requireNonNull(organizationId, "organizationId"), Set.of(roles));
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** Whether the actor holds {@code role} within the given organization. */
    public boolean hasRoleIn(Role role, UUID organization) {
        return hasRole(role) && organization != null && organization.equals(organizationId);
    }

    /** Usernames are compared ignoring case, as directories and OpenID Connect providers do. */
    public boolean isNamed(PortalUsername name) {
        return name != null && name.matches(username);
    }
}
