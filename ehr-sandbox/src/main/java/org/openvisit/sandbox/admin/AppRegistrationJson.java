package org.openvisit.sandbox.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openvisit.sandbox.apps.AppRegistration;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.apps.ClientKind;
import org.openvisit.sandbox.apps.LaunchBehaviour;
import org.openvisit.sandbox.apps.LaunchStyle;

import java.util.List;

/** App registrations as JSON; an update merges the fields present into the existing registration. */
final class AppRegistrationJson {

    private AppRegistrationJson() {
    }

    static JsonObject toJson(AppRegistration app) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("clientId", app.clientId())
                .add("kind", app.kind().name())
                .add("launchStyle", app.launchStyle().name())
                .add("redirectUris", Json.createArrayBuilder(app.redirectUris()));
        addIfSet(json, "name", app.name());
        addIfSet(json, "launchUrl", app.launchUrl());
        addIfSet(json, "contextLinkUrl", app.contextLinkUrl());
        addIfSet(json, "patientLaunchUrl", app.patientLaunchUrl());
        json.add("launchBehaviours", Json.createArrayBuilder(app.launchBehaviours().stream().map(Enum::name).sorted().toList()));
        addIfSet(json, "jwksUrl", app.jwksUrl());
        addIfSet(json, "contextKeyId", app.contextKeyId());
        addIfSet(json, "contextKey", app.contextKey());
        if (app.jwks() != null) {
            json.add("jwks", Json.createReader(new java.io.StringReader(app.jwks())).readObject());
        }
        return json.build();
    }

    /** The registration after applying the JSON fields to {@code existing} (null: a new registration). */
    static AppRegistration merge(String clientId, AppRegistration existing, JsonObject json) {
        AppRegistration base = existing != null ? existing
                : new AppRegistration(clientId, clientId, ClientKind.PUBLIC, List.of(), null, null, null, null, null,
                clientId + "-ctx-1", AppRegistry.newContextKey());
        List<String> redirectUris = json.containsKey("redirectUris")
                ? json.getJsonArray("redirectUris").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : base.redirectUris();
        String jwks = json.containsKey("jwks")
                ? (json.isNull("jwks") ? null : json.get("jwks").toString())
                : base.jwks();
        return new AppRegistration(clientId,
                text(json, "name", base.name()),
                json.containsKey("kind") ? ClientKind.valueOf(json.getString("kind")) : base.kind(),
                redirectUris,
                text(json, "launchUrl", base.launchUrl()),
                text(json, "contextLinkUrl", base.contextLinkUrl()),
                json.containsKey("launchStyle") ? LaunchStyle.valueOf(json.getString("launchStyle")) : base.launchStyle(),
                text(json, "jwksUrl", base.jwksUrl()),
                jwks,
                text(json, "contextKeyId", base.contextKeyId()),
                contextKey(json, base.contextKey()),
                text(json, "patientLaunchUrl", base.patientLaunchUrl()),
                behaviours(json, base.launchBehaviours()));
    }

    private static java.util.Set<LaunchBehaviour> behaviours(JsonObject json, java.util.Set<LaunchBehaviour> current) {
        if (!json.containsKey("launchBehaviours")) {
            return current;
        }
        if (json.isNull("launchBehaviours")) {
            return java.util.Set.of();
        }
        return LaunchBehaviour.parse(String.join(",", json.getJsonArray("launchBehaviours")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
    }

    private static String contextKey(JsonObject json, String current) {
        String key = text(json, "contextKey", current);
        if (key != null && java.util.Base64.getDecoder().decode(key).length != 32) {
            throw new IllegalArgumentException("contextKey must be 32 bytes, base64");
        }
        return key;
    }

    private static String text(JsonObject json, String name, String current) {
        if (!json.containsKey(name)) {
            return current;
        }
        JsonValue value = json.get(name);
        return value.getValueType() == JsonValue.ValueType.NULL ? null : json.getString(name);
    }

    private static void addIfSet(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
