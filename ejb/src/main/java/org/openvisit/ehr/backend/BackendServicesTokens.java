package org.openvisit.ehr.backend;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.SmartClient;
import org.openvisit.ehr.SmartConfiguration;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.writeback.application.BackendKeys;
import org.openvisit.writeback.application.DeliveryFailure;
import org.openvisit.writeback.application.EndpointAccess;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for write-back, by SMART Backend Services ({@code client_credentials} with a signed
 * client assertion, {@link ClientAssertion}), requested with the Nimbus SDK through the EHR layer's
 * {@link CodeExchange} (address policy, timeouts, no redirects). One token per endpoint, cached until {@value #REFRESH_BEFORE_SECONDS} seconds
 * before it expires; fetched by one thread at a time per endpoint. Tokens and assertions are never
 * logged or stored.
 */
@ApplicationScoped
public class BackendServicesTokens {

    /** What write-back asks for: read and update the visit's Encounter or Appointment, create Communications. */
    public static final String SCOPE = "system/Encounter.rus system/Appointment.rus system/Communication.crs";
    /** What the SMS feed's FHIR polling asks for: search appointments, read their patients' contact points. */
    public static final String FEED_SCOPE = "system/Appointment.rs system/Patient.r";
    static final long REFRESH_BEFORE_SECONDS = 60;
    /** When the EHR gives no {@code expires_in}: five minutes, the usual SMART backend token lifetime. */
    static final long DEFAULT_LIFETIME_SECONDS = 300;

    private record Token(String value, Instant expiresAt) {
    }

    @Inject
    private SmartClient smart;

    @EJB
    private BackendKeys keys;

    /** A token per endpoint and scope (write-back's and the SMS feed's are asked for apart: each its least). */
    private record Key(UUID endpointId, String scope) {
    }

    private final Map<Key, Token> tokens = new ConcurrentHashMap<>();
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /**
     * A valid access token for the endpoint.
     *
     * @throws DeliveryFailure the EHR's token endpoint could not be reached or refused OpenVisit's client
     */
    public String accessToken(EndpointAccess access) {
        return accessToken(access, SCOPE);
    }

    /**
     * A valid access token for the endpoint with the given scopes (space-separated SMART v2 scopes).
     *
     * @throws DeliveryFailure the EHR's token endpoint could not be reached or refused OpenVisit's client (its
     *                         {@link DeliveryFailure#status()} is the HTTP status when the endpoint answered)
     */
    public String accessToken(EndpointAccess access, String scope) {
        Key key = new Key(access.endpointId(), scope);
        Token t = tokens.get(key);
        if (fresh(t)) {
            return t.value();
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            t = tokens.get(key);
            if (fresh(t)) {
                return t.value();
            }
            t = fetch(access, scope);
            tokens.put(key, t);
            return t.value();
        }
    }

    /** The EHR did not accept a token (401): the next call of any scope gets a new one. */
    public void forget(UUID endpointId) {
        tokens.keySet().removeIf(k -> k.endpointId().equals(endpointId));
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().plusSeconds(REFRESH_BEFORE_SECONDS).isBefore(t.expiresAt());
    }

    private Token fetch(EndpointAccess access, String scope) {
        URI tokenEndpoint;
        try {
            SmartConfiguration configuration = smart.discover(access.fhirBase());
            tokenEndpoint = configuration.tokenEndpoint();
        } catch (SmartSignInException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.ENDPOINT_DOWN, "The EHR's SMART configuration could not be "
                    + "read: " + e.getMessage());
        }
        Instant now = clock.instant();
        TokenRequest request = new TokenRequest.Builder(tokenEndpoint, ClientAssertion.authentication(
                keys.signingKey(access.endpointId()), access.clientId(), tokenEndpoint, now),
                new ClientCredentialsGrant()).scope(Scope.parse(scope)).build();
        AccessTokenResponse answer;
        try {
            answer = smart.tokens().token(request);
        } catch (SmartSignInException e) {
            throw new DeliveryFailure(DeliveryFailure.Kind.ENDPOINT_DOWN, e.getMessage());
        } catch (CodeExchange.Refused refused) {
            int status = refused.status();
            if (status == 429 || status >= 500) {
                throw new DeliveryFailure(status == 429 ? DeliveryFailure.Kind.RATE_LIMITED
                        : DeliveryFailure.Kind.ENDPOINT_DOWN, "The EHR's token endpoint answered HTTP " + status + ".",
                        null, status);
            }
            throw new DeliveryFailure(DeliveryFailure.Kind.ENDPOINT_DOWN, status, "The EHR's token endpoint refused OpenVisit's "
                    + "backend client '" + access.clientId() + "' (HTTP " + status + ", "
                    + (refused.error() == null ? "no error code" : refused.error()) + "). Check that the EHR "
                    + "registered this client id with the JWKS URL from the integration records and the key "
                    + access.keyId() + ".");
        }
        var token = answer.getTokens().getAccessToken();
        long expiresIn = token.getLifetime() > 0 ? token.getLifetime() : DEFAULT_LIFETIME_SECONDS;
        return new Token(token.getValue(), now.plus(Duration.ofSeconds(expiresIn)));
    }
}
