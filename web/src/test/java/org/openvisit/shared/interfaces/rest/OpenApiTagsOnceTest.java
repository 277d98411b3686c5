package org.openvisit.shared.interfaces.rest;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTagsOnceTest {

    @Test
    void eachTagIsListedOnceWithItsDescriptionAndInOrderOfName() {
        OpenAPI document = model(OpenAPI.class, Map.of("tags", List.of(tag("SMS", null), tag("Organizations", null),
                tag("SMS", "Appointment messages"), tag("Organizations", "Tenants"), tag("SMS", null),
                tag("Audit trail", null))));

        new OpenApiTagsOnce().filterOpenAPI(document);

        assertThat(document.getTags()).extracting(Tag::getName).containsExactly("Audit trail", "Organizations", "SMS");
        assertThat(document.getTags()).extracting(Tag::getDescription).containsExactly(null, "Tenants",
                "Appointment messages");
    }

    @Test
    void aDocumentWithoutTagsIsLeftAlone() {
        OpenAPI document = model(OpenAPI.class, Map.of());

        new OpenApiTagsOnce().filterOpenAPI(document);

        assertThat(document.getTags()).isNull();
    }

    private static Tag tag(String name, String description) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", name);
        values.put("description", description);
        return model(Tag.class, values);
    }

    /** A model object whose getters and setters read and write {@code values} (the API has no implementation here). */
    private static <T> T model(Class<T> type, Map<String, ?> values) {
        Map<String, Object> properties = new HashMap<>(values);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("get") && args == null) {
                return properties.get(decapitalize(name.substring(3)));
            }
            if (name.startsWith("set") && args != null && args.length == 1) {
                properties.put(decapitalize(name.substring(3)), args[0]);
                return null;
            }
            throw new UnsupportedOperationException(name);
        }));
    }

    private static String decapitalize(String property) {
        return Character.toLowerCase(property.charAt(0)) + property.substring(1);
    }
}
