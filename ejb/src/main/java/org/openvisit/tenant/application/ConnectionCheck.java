package org.openvisit.tenant.application;

import org.openvisit.ehr.graph.GraphFailure;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The result of the portal's Test connection: whether a token and the check meeting could be had ({@code ok}: visits'
 * meetings can be made), and if not which thing is missing ({@code failure}) with Entra's or Graph's own words for it
 * ({@code detail}, English); and, once Entra issued a token, each application permission OpenVisit uses as granted or
 * missing ({@code permissions}; empty, with {@code permissionsRead} false, when there was no token or it could not be
 * read). A missing attendance or call records permission leaves {@code ok} true: meetings work, but Teams visits then
 * get no connect / disconnect events or no call quality.
 */
public record ConnectionCheck(boolean ok, GraphFailure.Kind failure, String detail, Instant checkedAt,
                              boolean permissionsRead, List<PermissionGrant> permissions) implements Serializable {

    public ConnectionCheck {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** The permissions the token said are not granted. */
    public List<PermissionGrant> missing() {
        return permissions.stream().filter(p -> !p.granted()).toList();
    }

    /** Meetings can be made and every permission OpenVisit uses is granted. */
    public boolean complete() {
        return ok && permissionsRead && missing().isEmpty();
    }
}
