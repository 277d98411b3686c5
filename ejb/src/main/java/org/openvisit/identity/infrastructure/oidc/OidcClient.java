package org.openvisit.identity.infrastructure.oidc;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.EhrKeySets;
import org.openvisit.ehr.IdTokenVerifier;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The portal's OpenID Connect client: reads {@link PortalSignInSettings} at start (a wrong value stops
 * the deployment), discovers the provider (cached for 10 minutes; Nimbus's {@code OIDCProviderMetadata}),
 * starts an authorization and completes it with the EHR layer's pieces, the same as a SMART sign-in: code
 * exchange ({@link CodeExchange}; HTTP Basic client authentication when a client secret is configured, PKCE
 * always), id_token check ({@link IdTokenVerifier} with the provider's cached keys and advertised algorithms),
 * then the username claim. Outbound requests go through {@link OutboundHttp} with the installation's address
 * policy. Codes, tokens and secrets are never logged or kept.
 */
@ApplicationScoped
public class OidcClient {

    static final Duration DISCOVERY_TTL = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(OidcClient.class.getName());

    @Inject
    private Config config;

    @Inject
    private OutboundAddressConfiguration addresses;

    private Clock clock = Clock.systemUTC();
    private PortalSignInSettings settings;
    private OutboundHttp http;
    private CodeExchange exchange;
    private IdTokenVerifier idTokens;
    private volatile OidcProvider provider;
    private volatile Instant providerExpires = Instant.MIN;

    protected OidcClient() {
        // for CDI
    }

    /** Outside the container (tests). */
    public OidcClient(PortalSignInSettings settings, OutboundAddressPolicy policy, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        wire(new OutboundHttp(policy));
    }

    private void wire(OutboundHttp outbound) {
        http = outbound;
        exchange = new CodeExchange(outbound);
        idTokens = new IdTokenVerifier(new EhrKeySets(outbound));
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
        wire(new OutboundHttp(addresses.policy()));
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
        return OidcAuthorization.start(provider(), settings, redirectUri, next);
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
        // client_secret_basic (RFC 6749 2.3.1, both parts form-encoded) for a confidential client; PKCE always
        ClientAuthentication authentication = settings.clientSecret().map(secret -> (ClientAuthentication)
                new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(secret))).orElse(null);
        URI tokenEndpoint = authorization.provider().tokenEndpoint();
        OIDCTokenResponse response;
        try {
            response = exchange.authorizationCode(tokenEndpoint, settings.clientId(), authentication, code,
                    authorization.redirectUri(), authorization.start());
        } catch (CodeExchange.Refused refused) {
            String error = refused.error();
            LOG.info(() -> "Identity provider token endpoint " + tokenEndpoint + " answered HTTP " + refused.status()
                    + (error == null ? "" : " " + error));
            throw new OidcSignInException("token_error", "Your identity provider refused to complete the "
                    + "sign-in (HTTP " + refused.status() + (error == null ? "" : ", " + error) + "). Start the "
                    + "sign-in again; if it fails again, ask your administrator to check OpenVisit's registration "
                    + "at the identity provider (client id \"" + settings.clientId() + "\", redirect URI "
                    + authorization.redirectUri() + ").");
        } catch (SmartSignInException e) {
            switch (e.failure()) {
                case INVALID_ID_TOKEN -> throw new OidcSignInException("invalid_id_token", "Your identity provider "
                        + "completed the sign-in but sent no id_token. Ask your administrator to check that the "
                        + "scopes (" + settings.scope() + ") include openid.");
                case TOKEN_ENDPOINT_ERROR -> throw new OidcSignInException("token_error", "Your identity provider "
                        + "answered the sign-in with something that is not a token response. " + e.getMessage());
                default -> throw new OidcSignInException("unreachable", "OpenVisit could not complete the sign-in "
                        + "with your organization's identity provider. " + e.getMessage());
            }
        }
        OidcProvider provider = authorization.provider();
        JWTClaimsSet claims;
        try {
            claims = idTokens.verify(response.getOIDCTokens().getIDTokenString(), provider.jwksUri(),
                    new IdTokenVerifier.Expected(List.of(settings.issuer().toString()), settings.clientId(),
                            provider.idTokenJwsAlgorithms()), authorization.nonce(), clock.instant());
        } catch (SmartSignInException e) {
            throw switch (e.failure()) {
                case UNREACHABLE, TIMEOUT, REFUSED_ADDRESS -> new OidcSignInException("unreachable", "OpenVisit could "
                        + "not read your identity provider's signing keys. " + e.getMessage());
                default -> OidcIdToken.refused(e);
            };
        }
        return OidcIdToken.username(claims, settings.usernameClaim());
    }

}
