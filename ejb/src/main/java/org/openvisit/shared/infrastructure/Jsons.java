package org.openvisit.shared.infrastructure;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import java.io.Reader;

/**
 * JSON-P readers and builders from one provider looked up once. {@code jakarta.json.Json}'s static
 * methods look the provider up (a service-loader search) on every call, which measured as the largest
 * single cost of a launch callback; use these instead.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }
}
