package org.openvisit.identity.infrastructure.oidc;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import java.io.Serializable;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What OpenVisit uses of the identity provider's discovery document
 * ({@code {issuer}/.well-known/openid-configuration}, or a SMART server's
 * {@code .well-known/smart-configuration} when it has no OpenID configuration).
 *
 * @param smart whether it came from a SMART configuration: the authorize request then also carries
 *              {@code aud} = the issuer, as SMART servers require
 */
public record OidcProvider(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, boolean smart,
                           List<String> idTokenAlgorithms) implements Serializable {

    public OidcProvider {
        idTokenAlgorithms = List.copyOf(idTokenAlgorithms);
    }

    /** The id_token algorithms the provider advertises (empty: not advertised, the asymmetric ones are accepted). */
    public Set<JWSAlgorithm> idTokenJwsAlgorithms() {
        return idTokenAlgorithms.stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
    }

    public static URI openIdConfiguration(String issuer) {
        return URI.create(strip(issuer) + "/.well-known/openid-configuration");
    }

    public static URI smartConfiguration(String issuer) {
        return URI.create(strip(issuer) + "/.well-known/smart-configuration");
    }

    /**
     * Reads a discovery document of the configured {@code issuer}. Its {@code issuer} member, when
     * present, must be the configured issuer (OpenID Connect Discovery 1.0, section 4.3).
     *
     * @throws OidcSignInException {@code discovery} saying what is wrong
     */
    public static OidcProvider parse(String issuer, URI source, String body, boolean smart) {
        if (!smart) {
            return parseOpenId(issuer, source, body);
        }
        JsonObject json;
        try (JsonReader reader = Jsons.createReader(new StringReader(body == null ? "" : body))) {
            if (!(reader.read() instanceof JsonObject object)) {
                throw discovery(source, "answered JSON that is not an object");
            }
            json = object;
        } catch (JsonException | IllegalStateException notJson) {
            throw discovery(source, "answered something that is not JSON");
        }
        JsonValue named = json.get("issuer");
        if (named instanceof JsonString s && !strip(s.getString()).equals(strip(issuer))) {
            throw discovery(source, "names the issuer \"" + printable(s.getString()) + "\", not the configured "
                    + "issuer " + issuer + " (openvisit.oidc.issuer must be exactly the provider's issuer)");
        }
        if (!smart && !(named instanceof JsonString)) {
            throw discovery(source, "names no issuer");
        }
        return new OidcProvider(issuer, endpoint(json, "authorization_endpoint", source),
                endpoint(json, "token_endpoint", source), endpoint(json, "jwks_uri", source), smart, List.of());
    }

    /** An OpenID Connect discovery document, read with Nimbus's {@link OIDCProviderMetadata}. */
    private static OidcProvider parseOpenId(String issuer, URI source, String body) {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(body == null ? "" : body);
        } catch (ParseException | RuntimeException e) {
            throw discovery(source, "is not an OpenID Connect discovery document (" + printable(
                    String.valueOf(e.getMessage())) + (body != null && body.strip().startsWith("{")
                    && !body.contains("\"jwks_uri\"") ? "; it has no jwks_uri" : "") + ")");
        }
        String named = metadata.getIssuer().getValue();
        if (!strip(named).equals(strip(issuer))) {
            throw discovery(source, "names the issuer \"" + printable(named) + "\", not the configured "
                    + "issuer " + issuer + " (openvisit.oidc.issuer must be exactly the provider's issuer)");
        }
        List<String> algorithms = metadata.getIDTokenJWSAlgs() == null ? List.of()
                : metadata.getIDTokenJWSAlgs().stream().map(JWSAlgorithm::getName).toList();
        return new OidcProvider(issuer, checked(metadata.getAuthorizationEndpointURI(), "authorization_endpoint", source),
                checked(metadata.getTokenEndpointURI(), "token_endpoint", source),
                checked(metadata.getJWKSetURI(), "jwks_uri", source), false, algorithms);
    }

    private static URI checked(URI uri, String name, URI source) {
        if (uri == null) {
            throw discovery(source, "has no " + name);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw discovery(source, "has a " + name + " that is not an http(s) address");
        }
        return uri;
    }

    private static URI endpoint(JsonObject json, String name, URI source) {
        if (!(json.get(name) instanceof JsonString text) || text.getString().isBlank()) {
            throw discovery(source, "has no " + name);
        }
        try {
            URI uri = URI.create(text.getString().strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw discovery(source, "has a " + name + " that is not an http(s) address");
            }
            return uri;
        } catch (IllegalArgumentException malformed) {
            throw discovery(source, "has a " + name + " that is not a valid URL");
        }
    }

    static OidcSignInException discovery(URI source, String why) {
        return new OidcSignInException("discovery", "OpenVisit cannot use the identity provider: its discovery "
                + "document " + source + " " + why + ". Check openvisit.oidc.issuer with the identity provider's team.");
    }

    static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
