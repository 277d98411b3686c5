package org.openvisit.identity.application;

import org.openvisit.identity.domain.model.PortalAccount;
import org.openvisit.tenant.domain.model.Role;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A portal account as lists and the API show it: never its password or hash.
 *
 * @param organizationId {@code null} for an operator
 * @param mustChangePassword the password is a one-time password of a reset, not changed yet
 */
public record AccountSummary(String username, String displayName, UUID organizationId, Set<Role> roles,
                             boolean enabled, Instant createdAt, boolean mustChangePassword) implements Serializable {

    public AccountSummary {
        roles = Set.copyOf(roles);
    }

    static AccountSummary of(PortalAccount account) {
        return new AccountSummary(account.username().value(), account.displayName(), account.organizationId(),
                account.roles(), account.isEnabled(), account.createdAt(), account.mustChangePassword());
    }
}
