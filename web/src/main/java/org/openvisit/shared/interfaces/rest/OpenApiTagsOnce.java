package org.openvisit.shared.interfaces.rest;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each tag once in /openapi, as OpenAPI 3 requires (API gateways and client generators refuse a document that repeats
 * one): Payara lists a tag once per resource class that names it. The tags are merged by name, keeping the description
 * {@link OpenVisitApi} gives, and sorted by name. Registered as {@code mp.openapi.filter}.
 */
public class OpenApiTagsOnce implements OASFilter {

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
}
