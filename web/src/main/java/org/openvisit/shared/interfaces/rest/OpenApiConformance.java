package org.openvisit.shared.interfaces.rest;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.servers.Server;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes /openapi what OpenAPI 3 requires, where Payara's document is not (API gateways and client generators refuse
 * it otherwise); registered as {@code mp.openapi.filter}.
 * <ul>
 * <li>Each tag once: Payara lists a tag once per resource class that names it. The tags are merged by name, keeping
 * the description {@link OpenVisitApi} gives, and sorted by name.</li>
 * <li>No "unset" markers as limits: for a {@code @Schema} inside a {@code @Parameter} Payara writes the annotation's
 * defaults, which mean "not set", as values ({@code maxItems} -2147483648, {@code minItems} 2147483647,
 * {@code multipleOf} 0, {@code maxLength} 2147483647, {@code maxProperties} 0). They are taken out.</li>
 * <li>Server addresses without a trailing slash: the paths begin with one.</li>
 * </ul>
 */
public class OpenApiConformance implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getTags() == null) {
            return;
        }
        Map<String, Tag> byName = new TreeMap<>();
        for (Tag tag : openApi.getTags()) {
            byName.merge(tag.getName(), tag, (kept, another) -> kept.getDescription() == null ? another : kept);
        }
        openApi.setTags(new ArrayList<>(byName.values()));
    }

    @Override
    public Server filterServer(Server server) {
        String url = server.getUrl();
        if (url != null && url.length() > 1 && url.endsWith("/")) {
            server.setUrl(url.replaceAll("/+$", ""));
        }
        return server;
    }

    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getMaxItems() != null && schema.getMaxItems() == Integer.MIN_VALUE) {
            schema.setMaxItems(null);
        }
        if (schema.getMinItems() != null && schema.getMinItems() == Integer.MAX_VALUE) {
            schema.setMinItems(null);
        }
        if (schema.getMaxLength() != null && schema.getMaxLength() == Integer.MAX_VALUE) {
            schema.setMaxLength(null);
        }
        if (schema.getMultipleOf() != null && schema.getMultipleOf().compareTo(BigDecimal.ZERO) <= 0) {
            schema.setMultipleOf(null); // must be above 0
        }
        if (schema.getMaxProperties() != null && schema.getMaxProperties() == 0 && schema.getProperties() == null) {
            schema.setMaxProperties(null);
        }
        return schema;
    }
}
