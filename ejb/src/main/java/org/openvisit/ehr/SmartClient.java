package org.openvisit.ehr;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.ehr.SmartSignInException.Failure;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.StringReader;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The SMART App Launch client: discovers an EHR's SMART configuration (cached per FHIR base URL), starts an
 * authorization (state, nonce, PKCE S256, {@code aud}: {@link OAuthStart}), and completes it: exchanges the
 * code at the token endpoint ({@link CodeExchange}) and checks the id_token against the EHR's JWKS
 * ({@link IdTokenVerifier}, {@link EhrKeySets}). All of it on the Nimbus OAuth SDK, sent through
 * {@link OutboundHttp}. Tokens are read, checked and dropped: none is
 * logged or kept. The client id is {@value #CLIENT_ID_KEY} (default {@code openvisit}); outbound addresses
 * follow {@link OutboundAddressConfiguration}.
 */
@ApplicationScoped
public class SmartClient {

    public static final String CLIENT_ID_KEY = "openvisit.smart.client-id";
    /** What the approver's EHR sign-in asks for: who the user is, nothing of any patient. */
    public static final String SIGN_IN_SCOPE = "openid fhirUser";

    private static final Logger LOG = Logger.getLogger(SmartClient.class.getName());

    @Inject
    private OutboundAddressConfiguration addresses;

    @Inject
    @ConfigProperty(name = CLIENT_ID_KEY, defaultValue = "openvisit")
    private String clientId;

    private Clock clock = Clock.systemUTC();
    private SmartConfigurationCache configurations;
    private OutboundHttp http;
    private CodeExchange exchange;
    private IdTokenVerifier idTokens;

    protected SmartClient() {
        // for CDI
    }

    /** Outside the container (tests): with the given policy, client id, clock and host resolver. */
    public SmartClient(OutboundAddressPolicy policy, String clientId, Clock clock, OutboundHttp.Resolver resolver) {
        this(new OutboundHttp(policy, resolver), clientId, clock, EhrKeySets.Limits.DEFAULT);
    }

    /** Outside the container (tests): with the given HTTP client and key-set limits. */
    public SmartClient(OutboundHttp http, String clientId, Clock clock, EhrKeySets.Limits keyLimits) {
        this.clientId = clientId;
        this.clock = clock;
        wire(http, keyLimits);
    }

    @PostConstruct
    void init() {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalStateException("The configuration key " + CLIENT_ID_KEY + " must not be empty.");
        }
        wire(new OutboundHttp(addresses.policy()), EhrKeySets.Limits.DEFAULT);
    }

    private void wire(OutboundHttp outbound, EhrKeySets.Limits keyLimits) {
        configurations = new SmartConfigurationCache(SmartConfigurationCache.DEFAULT_TTL, clock);
        http = outbound;
        exchange = new CodeExchange(outbound);
        idTokens = new IdTokenVerifier(new EhrKeySets(outbound, keyLimits));
    }

    /** The HTTP client of this layer (address policy, timeouts, no redirects), for other EHR calls. */
    public OutboundHttp http() {
        return http;
    }

    /** The token endpoint requests of this layer. */
    public CodeExchange tokens() {
        return exchange;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * The SMART configuration of a FHIR base URL (already checked and in normal form), from the cache when
     * it was read less than 10 minutes ago.
     *
     * @throws SmartSignInException unreachable, timed out, refused address, or not a SMART server
     */
    public SmartConfiguration discover(String fhirBase) {
        var cached = configurations.find(fhirBase);
        if (cached.isPresent()) {
            return cached.get();
        }
        var location = SmartConfiguration.location(fhirBase);
        OutboundHttp.Answer answer = http.get(location, "the SMART configuration");
        if (answer.status() != 200) {
            String why = answer.status() >= 300 && answer.status() < 400
                    ? location + " answered with a redirect (HTTP " + answer.status() + "), which OpenVisit does not follow"
                    : location + " answered HTTP " + answer.status() + " instead of the SMART configuration";
            throw SmartConfiguration.notSmart(fhirBase, why);
        }
        SmartConfiguration configuration = SmartConfiguration.parse(fhirBase, answer.body());
        configurations.put(configuration);
        return configuration;
    }

    /** Starts an authorization for {@code scope}; the browser is to be sent to its {@link SmartAuthorization#authorizeUri()}. */
    public SmartAuthorization authorization(SmartConfiguration configuration, String redirectUri, String scope) {
        return SmartAuthorization.start(configuration, clientId, redirectUri, scope);
    }

    /** Starts an EHR launch's authorization: the same, with the EHR's {@code launch} value. */
    public SmartAuthorization launchAuthorization(SmartConfiguration configuration, String redirectUri, String scope,
                                                  String launch) {
        return SmartAuthorization.start(configuration, clientId, redirectUri, scope, launch);
    }

    /**
     * Exchanges the code the EHR sent back and checks the id_token.
     *
     * @return the EHR user as a FHIR reference ({@code fhirUser}, relative or absolute), or {@code null} when the
     *         id_token names the user only by {@code sub}, which proves nothing of who they are in the EHR
     * @throws SmartSignInException saying what failed
     */
    public String completeSignIn(SmartAuthorization authorization, String code) {
        return exchange(authorization, code, true).ehrUser();
    }

    /**
     * Exchanges a launch's code, checks the id_token and answers the user and the launch context the EHR sent.
     *
     * @throws SmartSignInException saying what failed ({@link Failure#TOKEN_ENDPOINT_ERROR} for the exchange,
     *                              the id_token failures for the proof of the user)
     */
    public LaunchTokenResponse completeLaunch(SmartAuthorization authorization, String code) {
        // the EHR's error_description is not repeated: a launch refusal goes to the audit log, which keeps no EHR text
        return exchange(authorization, code, false);
    }

    private LaunchTokenResponse exchange(SmartAuthorization authorization, String code, boolean withDescription) {
        OIDCTokenResponse response;
        try {
            response = exchange.authorizationCode(authorization.tokenEndpoint(), authorization.clientId(), null, code,
                    authorization.redirectUri(), authorization.start());
        } catch (CodeExchange.Refused refused) {
            String error = refused.error();
            String description = withDescription ? refused.description() : null;
            LOG.info(() -> "EHR token endpoint " + authorization.tokenEndpoint() + " answered HTTP " + refused.status()
                    + (error == null ? "" : " " + error));
            throw new SmartSignInException(Failure.TOKEN_ENDPOINT_ERROR, "The EHR's token endpoint ("
                    + authorization.tokenEndpoint() + ") refused to complete the sign-in: HTTP " + refused.status()
                    + (error == null ? "" : ", " + error)
                    + (description == null ? "" : " (" + description + ")")
                    + ". Try again; if it fails again, ask the EHR team to check OpenVisit's app "
                    + "registration (client id \"" + authorization.clientId() + "\", redirect URI "
                    + authorization.redirectUri() + ").");
        } catch (SmartSignInException e) {
            if (e.failure() == Failure.INVALID_ID_TOKEN) {
                throw new SmartSignInException(Failure.INVALID_ID_TOKEN, "The EHR signed you in but sent no id_token, "
                        + "the proof of who signed in. OpenVisit asked for the scopes \"" + authorization.scope()
                        + "\"; ask the EHR team to allow openid and fhirUser for OpenVisit's app registration.");
            }
            throw e;
        }
        String ehrUser = fhirUser(authorization, response.getOIDCTokens().getIDTokenString());
        String accessToken = response.getOIDCTokens().getAccessToken().getValue();
        String scope = CodeExchange.scope(response);
        JsonObjectBuilder context = Jsons.createObjectBuilder();
        JsonObject body = jsonObject(response.toJSONObject().toJSONString());
        if (body != null) {
            body.forEach((name, value) -> {
                if (!TOKEN_MEMBERS.contains(name)) {
                    context.add(name, value);
                }
            });
        }
        return new LaunchTokenResponse(ehrUser, accessToken, scope, context.build());
    }

    /** The token response's members that are credentials, not launch context. */
    private static final java.util.Set<String> TOKEN_MEMBERS = java.util.Set.of("access_token", "id_token",
            "refresh_token", "token_type", "expires_in", "scope");

    /**
     * Checks an id_token of this authorization against the EHR's signing keys (cached, see {@link EhrKeySets})
     * and answers the EHR user it names: {@code fhirUser}, else {@code sub}.
     *
     * @throws SmartSignInException saying which check failed
     */
    public String ehrUser(SmartAuthorization authorization, String idToken) {
        return IdTokenVerifier.ehrUser(verify(authorization, idToken));
    }

    /**
     * Checks an id_token of this authorization like {@link #ehrUser} and answers its {@code fhirUser} claim, or
     * {@code null} when it names the user by {@code sub} only.
     *
     * @throws SmartSignInException saying which check failed, {@link Failure#NO_EHR_USER} when it names nobody
     */
    public String fhirUser(SmartAuthorization authorization, String idToken) {
        JWTClaimsSet claims = verify(authorization, idToken);
        IdTokenVerifier.ehrUser(claims); // names somebody at all
        return IdTokenVerifier.fhirUser(claims);
    }

    private JWTClaimsSet verify(SmartAuthorization authorization, String idToken) {
        return idTokens.verify(idToken, authorization.jwksUri(), new IdTokenVerifier.Expected(
                authorization.acceptedIssuers(), authorization.clientId(), null), authorization.nonce(), clock.instant());
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
}
