package org.openvisit.identity.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.openvisit.tenant.domain.model.Role;

import java.util.Set;
import java.util.UUID;

/** A portal user an administrator creates. */
public record NewAccount(
        @NotBlank(message = "The username is required.") String username,
        String displayName,
        UUID organizationId,
        @NotEmpty(message = "Give the user at least one role.") Set<Role> roles,
        @NotBlank(message = "The password is required.") String password) {
}
