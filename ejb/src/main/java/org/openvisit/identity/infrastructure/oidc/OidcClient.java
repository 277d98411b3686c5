package org.openvisit.identity.infrastructure.oidc;

import org.openvisit.shared.infrastructure.Jsons;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.eclipse.microprofile.config.Config;
import org.openvisit.smart.OutboundHttp;
import org.openvisit.smart.SmartSignInException;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The portal's OpenID Connect client: reads {@link PortalSignInSettings} at start (a wrong value stops
 * the deployment), discovers the provider (cached for 10 minutes), starts an authorization and completes
 * it: code exchange (HTTP Basic client authentication when a client secret is configured, PKCE always),
 * id_token check, username claim. Outbound requests go through {@link OutboundHttp} with the
 * installation's address policy. Codes, tokens and secrets are never logged or kept.
 */
@ApplicationScoped
public class OidcClient {

    static final Duration DISCOVERY_TTL = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(OidcClient.class.getName());

    @Inject
    private Config config;

    @Inject
    private OutboundAddressConfiguration addresses;

    private final SecureRandom random = new SecureRandom();
    private Clock clock = Clock.systemUTC();
    private PortalSignInSettings settings;
    private OutboundHttp http;
    private volatile OidcProvider provider;
    private volatile Instant providerExpires = Instant.MIN;

    protected OidcClient() {
        // for CDI
    }

    /** Outside the container (tests). */
    public OidcClient(PortalSignInSettings settings, OutboundAddressPolicy policy, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = new OutboundHttp(policy);
    }

    @PostConstruct
    void init() {
        try {
            settings = PortalSignInSettings.parse(key -> config.getOptionalValue(key, String.class));
        } catch (IllegalStateException wrong) {
            // the deployment failure only names this method; say here what to fix
            LOG.severe(() -> "OpenVisit cannot start: " + wrong.getMessage());
            throw wrong;
        }
        http = new OutboundHttp(addresses.policy());
        LOG.info(() -> settings.oidc() ? "Portal sign-in: OpenID Connect provider " + settings.issuer()
                + " (client id " + settings.clientId() + ", " + (settings.clientSecret().isPresent()
                ? "confidential client" : "public client with PKCE") + ", username claim " + settings.usernameClaim()
                + ")" : "Portal sign-in: built-in accounts");
    }

    /** Reads and checks the configuration when the application starts, not at the first request. */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        settings();
    }

    public PortalSignInSettings settings() {
        return settings;
    }

    /** The provider's endpoints, from the cache when read less than 10 minutes ago. */
    public OidcProvider provider() {
        OidcProvider cached = provider;
        if (cached != null && clock.instant().isBefore(providerExpires)) {
            return cached;
        }
        String issuer = settings.issuer().toString();
        OidcProvider discovered;
        try {
            URI openId = OidcProvider.openIdConfiguration(issuer);
            OutboundHttp.Answer answer = http.get(openId, "the identity provider's OpenID configuration");
            if (answer.status() == 200) {
                discovered = OidcProvider.parse(issuer, openId, answer.body(), false);
            } else if (answer.status() >= 400 && answer.status() < 500) {
                // not an OpenID provider's discovery: a SMART on FHIR server (e.g. an EHR) may be the issuer
                URI smart = OidcProvider.smartConfiguration(issuer);
                OutboundHttp.Answer fallback = http.get(smart, "the identity provider's SMART configuration");
                if (fallback.status() != 200) {
                    throw OidcProvider.discovery(openId, "was not found (HTTP " + answer.status() + "), and neither "
                            + "was " + smart + " (HTTP " + fallback.status() + ")");
                }
                discovered = OidcProvider.parse(issuer, smart, fallback.body(), true);
            } else {
                throw OidcProvider.discovery(openId, "answered HTTP " + answer.status());
            }
        } catch (SmartSignInException unreachable) {
            throw new OidcSignInException("unreachable", "OpenVisit could not reach your organization's identity "
                    + "provider. " + unreachable.getMessage());
        }
        provider = discovered;
        providerExpires = clock.instant().plus(DISCOVERY_TTL);
        return discovered;
    }

    /** Starts a sign-in; the browser is to be sent to {@link OidcAuthorization#authorizeUri()}. */
    public OidcAuthorization begin(String redirectUri, String next) {
        return OidcAuthorization.start(provider(), settings, redirectUri, next, random);
    }

    /**
     * Exchanges the code and checks the id_token.
     *
     * @return the OpenVisit username the provider signed the user in as
     */
    public String complete(OidcAuthorization authorization, String code) {
        if (code == null || code.isBlank()) {
            throw new OidcSignInException("no_code", "Your identity provider sent you back without a sign-in "
                    + "code. Start the sign-in again.");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", authorization.redirectUri());
        form.put("code_verifier", authorization.pkce().verifier());
        Map<String, String> headers = new LinkedHashMap<>();
        if (settings.clientSecret().isPresent()) {
            // client_secret_basic (RFC 6749 2.3.1): both parts form-encoded before base64
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (formEncode(settings.clientId()) + ":" + formEncode(settings.clientSecret().get()))
                            .getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", settings.clientId());
        }
        URI tokenEndpoint = authorization.provider().tokenEndpoint();
        try {
            OutboundHttp.Answer answer = http.postForm(tokenEndpoint, form, headers,
                    "the identity provider's token endpoint");
            JsonObject body = jsonObject(answer.body());
            if (answer.status() != 200 || body == null) {
                String error = body != null && body.get("error") instanceof JsonString s
                        ? s.getString().replaceAll("[^A-Za-z0-9_.-]", "?") : null;
                LOG.info(() -> "Identity provider token endpoint " + tokenEndpoint + " answered HTTP " + answer.status()
                        + (error == null ? "" : " " + error));
                throw new OidcSignInException("token_error", "Your identity provider refused to complete the "
                        + "sign-in (HTTP " + answer.status() + (error == null ? "" : ", " + error) + "). Start the "
                        + "sign-in again; if it fails again, ask your administrator to check OpenVisit's registration "
                        + "at the identity provider (client id \"" + settings.clientId() + "\", redirect URI "
                        + authorization.redirectUri() + ").");
            }
            if (!(body.get("id_token") instanceof JsonString idToken)) {
                throw new OidcSignInException("invalid_id_token", "Your identity provider completed the sign-in but "
                        + "sent no id_token. Ask your administrator to check that the scopes (" + settings.scope()
                        + ") include openid.");
            }
            var claims = OidcIdToken.verify(idToken.getString(), keys(authorization.provider()),
                    settings.issuer().toString(), settings.clientId(), authorization.nonce(), clock.instant());
            return OidcIdToken.username(claims, settings.usernameClaim());
        } catch (SmartSignInException unreachable) {
            throw new OidcSignInException("unreachable", "OpenVisit could not complete the sign-in with your "
                    + "organization's identity provider. " + unreachable.getMessage());
        }
    }

    private JWKSet keys(OidcProvider provider) {
        OutboundHttp.Answer answer = http.get(provider.jwksUri(), "the identity provider's signing keys (JWKS)");
        if (answer.status() != 200) {
            throw new OidcSignInException("invalid_jwks", "The identity provider's signing keys at "
                    + provider.jwksUri() + " could not be read (HTTP " + answer.status() + ").");
        }
        try {
            return JWKSet.parse(answer.body());
        } catch (ParseException | RuntimeException e) {
            throw new OidcSignInException("invalid_jwks", "The identity provider's signing keys at "
                    + provider.jwksUri() + " are not a valid JSON Web Key Set.");
        }
    }

    private static JsonObject jsonObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            return reader.read() instanceof JsonObject object ? object : null;
        } catch (JsonException | IllegalStateException notJson) {
            return null;
        }
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
