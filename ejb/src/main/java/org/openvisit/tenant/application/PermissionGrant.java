package org.openvisit.tenant.application;

import org.openvisit.ehr.graph.GraphPermission;
import org.openvisit.ehr.graph.TokenRoles;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Whether the organization's app holds one of the application permissions OpenVisit uses ({@code permission}, and
 * {@code graphName} as Entra shows it) with admin consent, as its access token said at Test connection.
 */
public record PermissionGrant(GraphPermission permission, String graphName, boolean granted) implements Serializable {

    /** Every permission OpenVisit uses, granted or missing according to the token's {@code roles}. */
    public static List<PermissionGrant> all(Set<String> roles) {
        return Arrays.stream(GraphPermission.values())
                .map(p -> new PermissionGrant(p, p.graphName(), TokenRoles.holds(roles, p))).toList();
    }
}
