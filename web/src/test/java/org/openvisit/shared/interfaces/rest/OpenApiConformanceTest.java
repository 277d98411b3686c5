package org.openvisit.shared.interfaces.rest;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.servers.Server;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiConformanceTest {

    @Test
    void eachTagIsListedOnceWithItsDescriptionAndInOrderOfName() {
        OpenAPI document = model(OpenAPI.class, Map.of("tags", List.of(tag("SMS", null), tag("Organizations", null),
                tag("SMS", "Appointment messages"), tag("Organizations", "Tenants"), tag("SMS", null),
                tag("Audit trail", null))));

        new OpenApiConformance().filterOpenAPI(document);

        assertThat(document.getTags()).extracting(Tag::getName).containsExactly("Audit trail", "Organizations", "SMS");
        assertThat(document.getTags()).extracting(Tag::getDescription).containsExactly(null, "Tenants",
                "Appointment messages");
    }

    @Test
    void aDocumentWithoutTagsIsLeftAlone() {
        OpenAPI document = model(OpenAPI.class, Map.of());

        new OpenApiConformance().filterOpenAPI(document);

        assertThat(document.getTags()).isNull();
    }

    @Test
    void theAnnotationsUnsetMarkersAreNoLimits() {
        Schema schema = model(Schema.class, Map.of("maxItems", Integer.MIN_VALUE, "minItems", Integer.MAX_VALUE,
                "maxLength", Integer.MAX_VALUE, "multipleOf", BigDecimal.ZERO, "maxProperties", 0, "minLength", 0));

        Schema kept = new OpenApiConformance().filterSchema(schema);

        assertThat(kept).isSameAs(schema);
        assertThat(schema.getMaxItems()).isNull();
        assertThat(schema.getMinItems()).isNull();
        assertThat(schema.getMaxLength()).isNull();
        assertThat(schema.getMultipleOf()).isNull();
        assertThat(schema.getMaxProperties()).isNull();
        assertThat(schema.getMinLength()).as("a real value, the default").isZero();
    }

    @Test
    void realLimitsStay() {
        Schema schema = model(Schema.class, Map.of("maxItems", 200, "minItems", 1, "maxLength", 64,
                "multipleOf", new BigDecimal("0.5"), "maxProperties", 3));

        new OpenApiConformance().filterSchema(schema);

        assertThat(schema.getMaxItems()).isEqualTo(200);
        assertThat(schema.getMinItems()).isEqualTo(1);
        assertThat(schema.getMaxLength()).isEqualTo(64);
        assertThat(schema.getMultipleOf()).isEqualByComparingTo("0.5");
        assertThat(schema.getMaxProperties()).isEqualTo(3);
    }

    @Test
    void aServerAddressEndsWithoutASlash() {
        Server server = model(Server.class, Map.of("url", "http://localhost:8080/"));
        Server root = model(Server.class, Map.of("url", "/"));

        new OpenApiConformance().filterServer(server);
        new OpenApiConformance().filterServer(root);

        assertThat(server.getUrl()).isEqualTo("http://localhost:8080");
        assertThat(root.getUrl()).as("a relative root stays").isEqualTo("/");
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
