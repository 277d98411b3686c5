package org.openvisit.tenant.interfaces.web;

import org.openvisit.tenant.application.ConnectionCheck;
import org.openvisit.tenant.application.PermissionGrant;

import java.io.Serializable;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Test connection's permissions in the viewer's words, one line each: the permission's Graph name, granted or missing,
 * what OpenVisit needs it for, and for a missing one what the tenant's administrator does in Microsoft Entra.
 */
public final class PermissionWords {

    /** One permission's line; {@code granted} also says it without colour (the words do). */
    public record Line(String graphName, boolean granted, String text) implements Serializable {
    }

    private PermissionWords() {
    }

    /**
     * @param get    a text of the tenant bundle in the viewer's language
     * @param format a pattern of that bundle, formatted
     */
    public static List<Line> of(ConnectionCheck check, Function<String, String> get,
                                BiFunction<String, Object[], String> format) {
        if (check == null) {
            return List.of();
        }
        return check.permissions().stream().map(p -> line(p, get, format)).toList();
    }

    private static Line line(PermissionGrant p, Function<String, String> get,
                             BiFunction<String, Object[], String> format) {
        String use = get.apply("teams.permission." + p.permission().name());
        return new Line(p.graphName(), p.granted(), format.apply(p.granted() ? "teams.permission.granted"
                : "teams.permission.missing", new Object[]{p.graphName(), use}));
    }
}
