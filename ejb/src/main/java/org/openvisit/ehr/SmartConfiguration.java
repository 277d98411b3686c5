package org.openvisit.ehr;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an EHR publishes at {@code {fhirBase}/.well-known/smart-configuration} and OpenVisit uses: where to
 * send the user (authorize), where to exchange the code (token) and where the id_token keys are (JWKS); and
 * what it supports ({@code capabilities}, {@code scopes_supported}), from which {@link LaunchScopes} picks the
 * scopes to ask for.
 *
 * @param fhirBase        the FHIR base URL it was discovered for: the {@code iss} and the {@code aud}
 * @param issuer          the {@code issuer} it names, when it names one ({@code null} otherwise)
 * @param scopesSupported the {@code scopes_supported} it lists (empty when it lists none)
 */
public record SmartConfiguration(String fhirBase, String issuer, URI authorizationEndpoint, URI tokenEndpoint,
                                 URI jwksUri, List<String> codeChallengeMethods, List<String> capabilities,
                                 List<String> scopesSupported)
        implements Serializable {

    public SmartConfiguration {
        codeChallengeMethods = List.copyOf(codeChallengeMethods);
        capabilities = List.copyOf(capabilities);
        scopesSupported = scopesSupported == null ? List.of() : List.copyOf(scopesSupported);
    }

    /** A configuration that lists no {@code scopes_supported}. */
    public SmartConfiguration(String fhirBase, String issuer, URI authorizationEndpoint, URI tokenEndpoint,
                              URI jwksUri, List<String> codeChallengeMethods, List<String> capabilities) {
        this(fhirBase, issuer, authorizationEndpoint, tokenEndpoint, jwksUri, codeChallengeMethods, capabilities,
                List.of());
    }

    /** The address of the SMART configuration of a FHIR base URL. */
    public static URI location(String fhirBase) {
        String base = fhirBase.endsWith("/") ? fhirBase.substring(0, fhirBase.length() - 1) : fhirBase;
        return URI.create(base + "/.well-known/smart-configuration");
    }

    /**
     * Reads a SMART configuration document.
     *
     * @throws SmartSignInException ({@link SmartSignInException.Failure#NOT_A_SMART_SERVER}) saying what is missing
     */
    public static SmartConfiguration parse(String fhirBase, String body) {
        URI source = location(fhirBase);
        JsonObject json;
        try (JsonReader reader = Jsons.createReader(new StringReader(body == null ? "" : body))) {
            JsonStructure read = reader.read();
            if (!(read instanceof JsonObject object)) {
                throw notSmart(fhirBase, source + " answered JSON that is not an object");
            }
            json = object;
        } catch (JsonException | IllegalStateException notJson) {
            throw notSmart(fhirBase, source + " answered something that is not JSON");
        }
        URI authorize = endpoint(json, "authorization_endpoint", fhirBase, source);
        URI token = endpoint(json, "token_endpoint", fhirBase, source);
        if (!json.containsKey("jwks_uri")) {
            throw notSmart(fhirBase, "its SMART configuration (" + source + ") names no jwks_uri, so OpenVisit "
                    + "cannot check the EHR's sign-in (the id_token's signature). The EHR must publish its signing "
                    + "keys for OpenID Connect sign-in (the sso-openid-connect capability)");
        }
        URI jwks = endpoint(json, "jwks_uri", fhirBase, source);
        List<String> methods = strings(json, "code_challenge_methods_supported");
        if (json.containsKey("code_challenge_methods_supported") && !methods.contains(OAuthStart.PKCE_METHOD.getValue())) {
            throw notSmart(fhirBase, "its SMART configuration (" + source + ") does not support PKCE with S256 "
                    + "(code_challenge_methods_supported is " + methods + "), which SMART App Launch 2 requires");
        }
        String issuer = json.get("issuer") instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
        return new SmartConfiguration(fhirBase, issuer, authorize, token, jwks, methods, strings(json, "capabilities"),
                strings(json, "scopes_supported"));
    }

    /** The issuers an id_token may name: the FHIR base URL, and the configuration's {@code issuer} when it has one. */
    public List<String> acceptedIssuers() {
        List<String> accepted = new ArrayList<>();
        accepted.add(fhirBase);
        if (issuer != null && !issuer.equals(fhirBase)) {
            accepted.add(issuer);
        }
        return List.copyOf(accepted);
    }

    private static URI endpoint(JsonObject json, String name, String fhirBase, URI source) {
        JsonValue value = json.get(name);
        if (!(value instanceof JsonString text) || text.getString().isBlank()) {
            throw notSmart(fhirBase, "its SMART configuration (" + source + ") has no " + name);
        }
        try {
            URI uri = URI.create(text.getString().strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw notSmart(fhirBase, "the " + name + " in its SMART configuration (" + source
                        + ") is not an http(s) address");
            }
            return uri;
        } catch (IllegalArgumentException malformed) {
            throw notSmart(fhirBase, "the " + name + " in its SMART configuration (" + source + ") is not a valid URL");
        }
    }

    private static List<String> strings(JsonObject json, String name) {
        if (!(json.get(name) instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList();
    }

    static SmartSignInException notSmart(String fhirBase, String why) {
        return new SmartSignInException(SmartSignInException.Failure.NOT_A_SMART_SERVER, "The FHIR base URL "
                + fhirBase + " does not lead to a SMART on FHIR server: " + why + ". Check the address with the EHR "
                + "team: it must be the FHIR base URL (the address ending before /metadata), and the server must "
                + "support SMART App Launch.");
    }
}
