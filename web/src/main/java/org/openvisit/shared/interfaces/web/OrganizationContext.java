package org.openvisit.shared.interfaces.web;

import org.openvisit.tenant.domain.model.Actor;

import java.util.Optional;
import java.util.UUID;

/**
 * Which organization a screen works on: a member's own, always; an operator's, the one named in
 * the address ({@code ?org=...}).
 */
public final class OrganizationContext {

    private OrganizationContext() {
    }

    public static Optional<UUID> of(Actor actor, String requested) {
        if (actor.organizationId() != null) {
            return Optional.of(actor.organizationId());
        }
        try {
            return requested == null || requested.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(requested));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
