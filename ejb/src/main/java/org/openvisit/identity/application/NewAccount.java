package org.openvisit.identity.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.openvisit.tenant.domain.model.Role;

import java.util.Set;
import java.util.UUID;

/**
 * A portal user an administrator creates. The password is required with built-in sign-in; with
 * {@code openvisit.portal.sign-in=oidc} it may be left out for someone who signs in only at the
 * identity provider ({@link AccountService#createAccount}).
 */
public record NewAccount(
        @NotBlank(message = "{openvisit.account.usernameRequired}") String username,
        String displayName,
        UUID organizationId,
        @NotEmpty(message = "{openvisit.account.rolesRequired}") Set<Role> roles,
        String password) {
}
