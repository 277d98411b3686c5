package org.openvisit.it.support;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of every organization on the shared server, read through the operator's API page by page. Tests that
 * check "nothing was created" look for the name they tried, not at the total: other test classes run at the same
 * time and register organizations of their own.
 */
public final class Organizations {

    private static final int PAGE = 200;

    private Organizations() {
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonObject page = Http.json(Http.getAsOperator(
                    SharedServer.baseUri().resolve("/api/organizations?first=" + first + "&max=" + PAGE)));
            List<JsonValue> items = page.getJsonArray("items");
            items.forEach(item -> names.add(item.asJsonObject().getString("name")));
            if (items.size() < PAGE || first + PAGE >= page.getJsonNumber("total").longValue()) {
                return names;
            }
        }
    }

    public static long countNamedIgnoringCase(String name) {
        return names().stream().filter(name::equalsIgnoreCase).count();
    }
}
