package org.openvisit.identity.interfaces.rest;

import org.openvisit.identity.application.NewAccount;
import org.openvisit.identity.domain.model.InvalidAccountException;
import org.openvisit.tenant.domain.model.Role;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The JSON body that creates a portal user of an organization. Roles arrive as text so that a wrong
 * value gets a message listing the accepted ones; the password is used once and never answered.
 */
public record UserRequest(String username, String displayName, List<String> roles, String password) {

    /** The roles held within an organization; operators are created otherwise. */
    static final Set<Role> ORGANIZATION_ROLES = EnumSet.of(Role.ORG_ADMIN, Role.EHR_ANALYST, Role.REPORT_READER);

    NewAccount toCommand(UUID organizationId) {
        return new NewAccount(username, displayName, organizationId, parsedRoles(), password);
    }

    private Set<Role> parsedRoles() {
        if (roles == null) {
            return Set.of(); // Bean Validation on the command reports it as missing
        }
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        String accepted = ORGANIZATION_ROLES.stream().map(Enum::name).collect(Collectors.joining(", "));
        for (String value : roles) {
            if (value == null || value.isBlank()) {
                throw new InvalidAccountException("roles", "roles must be among " + accepted + ".");
            }
            Role role = Arrays.stream(Role.values())
                    .filter(r -> r.name().equals(value.strip().toUpperCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new InvalidAccountException("roles", "roles must be among " + accepted
                            + "; \"" + shorten(value) + "\" is not a role."));
            if (!ORGANIZATION_ROLES.contains(role)) {
                throw new InvalidAccountException("roles", "An operator runs the installation and belongs to no "
                        + "organization; an organization's users may have the roles " + accepted + ".");
            }
            parsed.add(role);
        }
        return parsed;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "UserRequest[username=" + username + ", displayName=" + displayName + ", roles=" + roles + "]";
    }
}
