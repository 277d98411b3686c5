package org.openvisit.smart;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.smart.SmartSignInException.Failure;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The SMART App Launch client: discovers an EHR's SMART configuration (cached per FHIR base URL), starts an
 * authorization (state, nonce, PKCE S256, {@code aud}), and completes it: exchanges the code at the token
 * endpoint and checks the id_token against the EHR's JWKS. Tokens are read, checked and dropped: none is
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

    private final SecureRandom random = new SecureRandom();
    private Clock clock = Clock.systemUTC();
    private SmartConfigurationCache configurations;
    private OutboundHttp http;
    private EhrSigningKeys signingKeys;

    protected SmartClient() {
        // for CDI
    }

    /** Outside the container (tests): with the given policy, client id, clock and host resolver. */
    public SmartClient(OutboundAddressPolicy policy, String clientId, Clock clock, OutboundHttp.Resolver resolver) {
        this.clientId = clientId;
        this.clock = clock;
        this.configurations = new SmartConfigurationCache(SmartConfigurationCache.DEFAULT_TTL, clock);
        this.http = new OutboundHttp(policy, resolver);
        this.signingKeys = new EhrSigningKeys(http, clock);
    }

    @PostConstruct
    void init() {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalStateException("The configuration key " + CLIENT_ID_KEY + " must not be empty.");
        }
        configurations = new SmartConfigurationCache(SmartConfigurationCache.DEFAULT_TTL, clock);
        http = new OutboundHttp(addresses.policy());
        signingKeys = new EhrSigningKeys(http, clock);
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
        return SmartAuthorization.start(configuration, clientId, redirectUri, scope, random);
    }

    /**
     * Exchanges the code the EHR sent back and checks the id_token.
     *
     * @return the EHR user's id ({@code fhirUser}, else {@code sub})
     * @throws SmartSignInException saying what failed
     */
    public String completeSignIn(SmartAuthorization authorization, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", authorization.redirectUri());
        form.put("client_id", authorization.clientId());
        form.put("code_verifier", authorization.pkce().verifier());
        OutboundHttp.Answer answer = http.postForm(authorization.tokenEndpoint(), form, "the EHR's token endpoint");
        JsonObject body = jsonObject(answer.body());
        if (answer.status() != 200) {
            String error = text(body, "error");
            String description = text(body, "error_description");
            LOG.info(() -> "EHR token endpoint " + authorization.tokenEndpoint() + " answered HTTP " + answer.status()
                    + (error == null ? "" : " " + error));
            throw new SmartSignInException(Failure.TOKEN_ENDPOINT_ERROR, "The EHR's token endpoint ("
                    + authorization.tokenEndpoint() + ") refused to complete the sign-in: HTTP " + answer.status()
                    + (error == null ? "" : ", " + error) + (description == null ? "" : " (" + description + ")")
                    + ". Try the sign-in again; if it fails again, ask the EHR team to check OpenVisit's app "
                    + "registration (client id \"" + authorization.clientId() + "\", redirect URI "
                    + authorization.redirectUri() + ").");
        }
        if (body == null) {
            throw new SmartSignInException(Failure.TOKEN_ENDPOINT_ERROR, "The EHR's token endpoint ("
                    + authorization.tokenEndpoint() + ") answered something that is not JSON.");
        }
        String idToken = text(body, "id_token");
        if (idToken == null) {
            throw new SmartSignInException(Failure.INVALID_ID_TOKEN, "The EHR signed you in but sent no id_token, "
                    + "the proof of who signed in. OpenVisit asked for the scopes \"" + authorization.scope()
                    + "\"; ask the EHR team to allow openid and fhirUser for OpenVisit's app registration.");
        }
        return ehrUser(authorization, idToken);
    }

    /**
     * Checks an id_token of this authorization against the EHR's signing keys (kept for a while, see
     * {@link EhrSigningKeys}) and answers the EHR user it names.
     *
     * @throws SmartSignInException saying which check failed
     */
    public String ehrUser(SmartAuthorization authorization, String idToken) {
        return signingKeys.verify(authorization.jwksUri(), keys -> IdTokenValidator.ehrUser(idToken, keys,
                authorization.acceptedIssuers(), authorization.clientId(), authorization.nonce(), clock.instant()));
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

    /** A short, printable string member, or {@code null}. */
    private static String text(JsonObject json, String name) {
        if (json == null || !(json.get(name) instanceof JsonString s) || s.getString().isBlank()) {
            return null;
        }
        String value = s.getString();
        if (name.equals("id_token")) {
            return value;
        }
        String clean = value.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
    }
}
