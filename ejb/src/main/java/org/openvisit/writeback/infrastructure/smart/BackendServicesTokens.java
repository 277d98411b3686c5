package org.openvisit.writeback.infrastructure.smart;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.openvisit.smart.OutboundHttp;
import org.openvisit.smart.SmartClient;
import org.openvisit.smart.SmartConfiguration;
import org.openvisit.smart.SmartSignInException;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.writeback.application.BackendKeys;
import org.openvisit.writeback.application.DeliveryFailure;
import org.openvisit.writeback.application.EndpointAccess;

import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for write-back, by SMART Backend Services ({@code client_credentials} with a signed
 * client assertion). One token per endpoint, cached until {@value #REFRESH_BEFORE_SECONDS} seconds
 * before it expires; fetched by one thread at a time per endpoint. Tokens and assertions are never
 * logged or stored.
 */
@ApplicationScoped
public class BackendServicesTokens {

    /** What write-back asks for: read and update the visit's Encounter or Appointment, create Communications. */
    public static final String SCOPE = "system/Encounter.rus system/Appointment.rus system/Communication.crs";
    static final long REFRESH_BEFORE_SECONDS = 60;

    private record Token(String value, Instant expiresAt) {
    }

    @Inject
    private SmartClient smart;

    @Inject
    private OutboundAddressConfiguration addresses;

    @EJB
    private BackendKeys keys;

    private final Map<UUID, Token> tokens = new ConcurrentHashMap<>();
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private OutboundHttp http;

    @PostConstruct
    void init() {
        http = new OutboundHttp(addresses.policy());
    }

    /**
     * A valid access token for the endpoint.
     *
     * @throws DeliveryFailure the EHR's token endpoint could not be reached or refused OpenVisit's client
     */
    public String accessToken(EndpointAccess access) {
        Token t = tokens.get(access.endpointId());
        if (fresh(t)) {
            return t.value();
        }
        synchronized (locks.computeIfAbsent(access.endpointId(), k -> new Object())) {
            t = tokens.get(access.endpointId());
            if (fresh(t)) {
                return t.value();
            }
            t = fetch(access);
            tokens.put(access.endpointId(), t);
            return t.value();
        }
    }

    /** The EHR did not accept the token (401): the next call gets a new one. */
    public void forget(UUID endpointId) {
        tokens.remove(endpointId);
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().plusSeconds(REFRESH_BEFORE_SECONDS).isBefore(t.expiresAt());
    }

    private Token fetch(EndpointAccess access) {
        URI tokenEndpoint;
        try {
            SmartConfiguration configuration = smart.discover(access.fhirBase());
            tokenEndpoint = configuration.tokenEndpoint();
        } catch (SmartSignInException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.ENDPOINT_DOWN, "The EHR's SMART configuration could not be "
                    + "read: " + e.getMessage());
        }
        Instant now = clock.instant();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", SCOPE);
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", ClientAssertion.sign(keys.signingKey(access.endpointId()), access.clientId(),
                tokenEndpoint, now));
        OutboundHttp.Answer answer;
        try {
            answer = http.postForm(tokenEndpoint, form, "the EHR's token endpoint");
        } catch (SmartSignInException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.ENDPOINT_DOWN, e.getMessage());
        }
        if (answer.status() == 429 || answer.status() >= 500) {
            throw new DeliveryFailure(answer.status() == 429 ? DeliveryFailure.Kind.RATE_LIMITED
                    : DeliveryFailure.Kind.ENDPOINT_DOWN, "The EHR's token endpoint answered HTTP " + answer.status()
                    + ".");
        }
        if (answer.status() != 200) {
            throw new DeliveryFailure(DeliveryFailure.Kind.ENDPOINT_DOWN, "The EHR's token endpoint refused OpenVisit's "
                    + "backend client '" + access.clientId() + "' (HTTP " + answer.status() + ", "
                    + errorCode(answer.body()) + "). Check that the EHR registered this client id with the JWKS URL "
                    + "from the integration records and the key " + access.keyId() + ".");
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(answer.body()))) {
            JsonObject json = reader.readObject();
            String value = json.getString("access_token");
            long expiresIn = json.containsKey("expires_in") ? json.getJsonNumber("expires_in").longValue() : 300;
            return new Token(value, now.plus(Duration.ofSeconds(Math.max(0, expiresIn))));
        } catch (RuntimeException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.ENDPOINT_DOWN, "The EHR's token endpoint answered something "
                    + "that is not a token response.");
        }
    }

    /** The OAuth {@code error} code of a refusal, or "no error code"; nothing else of the body. */
    static String errorCode(String body) {
        try (JsonReader reader = Jsons.createReader(new StringReader(body == null ? "" : body))) {
            String code = reader.readObject().getString("error", "no error code");
            return code.matches("[a-z_]{1,40}") ? code : "an unknown error code";
        } catch (RuntimeException e) {
            return "no error code";
        }
    }
}
