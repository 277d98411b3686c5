package org.openvisit.ehr.graph;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.ehr.graph.GraphFailure.Kind;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * App-only access tokens for Graph by OAuth 2.0 client credentials against the organization's Entra tenant
 * ({@code <login base>/<tenant>/oauth2/v2.0/token}, scope {@code <graph origin>/.default}), sent with the Nimbus SDK
 * through the EHR layer's {@link CodeExchange}. One token per tenant, client and credential, cached until
 * {@value #REFRESH_BEFORE_SECONDS} seconds before it expires, fetched by one thread at a time. Tokens are never logged.
 */
public class GraphTokens {

    static final long REFRESH_BEFORE_SECONDS = 300;
    /** When Entra gives no {@code expires_in}: its usual lifetime is an hour or more. */
    static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private record Token(String value, Instant expiresAt) {
    }

    private final CodeExchange exchange;
    private final URI loginBase;
    private final String scope;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public GraphTokens(CodeExchange exchange, URI loginBase, URI graphBase, Clock clock) {
        this.exchange = exchange;
        this.loginBase = loginBase;
        this.scope = graphBase.getScheme() + "://" + graphBase.getRawAuthority() + "/.default";
        this.clock = clock;
    }

    /** The tenant's token endpoint. */
    public URI tokenEndpoint(String tenantId) {
        String base = loginBase.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "/oauth2/v2.0/token");
    }

    /**
     * A valid token for the app, from the cache or fetched now.
     *
     * @throws GraphFailure Entra refused the app or could not be reached
     */
    public String accessToken(GraphApp app) {
        String key = app.cacheKey();
        Token t = tokens.get(key);
        if (fresh(t)) {
            return t.value();
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            t = tokens.get(key);
            if (!fresh(t)) {
                t = fetch(app);
                tokens.put(key, t);
            }
            return t.value();
        }
    }

    /** Graph did not accept the app's token (401): the next call fetches a new one. */
    public void forget(GraphApp app) {
        tokens.remove(app.cacheKey());
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().plusSeconds(REFRESH_BEFORE_SECONDS).isBefore(t.expiresAt());
    }

    /**
     * How the app proves itself at {@code endpoint}: a certificate assertion (after checking the certificate's date) or
     * its client secret.
     *
     * @throws GraphFailure the certificate has expired
     */
    static ClientAuthentication authentication(GraphApp app, URI endpoint, Instant now) {
        ClientAuthentication authentication;
        if (app.credential() instanceof GraphCredential.Certificate certificate) {
            if (certificate.certificate().getNotAfter().toInstant().isBefore(now)) {
                throw new GraphFailure(Kind.CREDENTIAL_EXPIRED, "The certificate OpenVisit signs in to Microsoft "
                        + "Entra with expired on " + certificate.certificate().getNotAfter().toInstant()
                        + ". Create a new certificate, upload its public part to the app registration "
                        + "(Certificates & secrets) and the certificate with its private key to OpenVisit's Teams "
                        + "settings.");
            }
            authentication = CertificateAssertion.authentication(certificate, app.clientId(), endpoint, now);
        } else {
            GraphCredential.ClientSecret secret = (GraphCredential.ClientSecret) app.credential();
            authentication = new ClientSecretPost(new ClientID(app.clientId()), new Secret(secret.value()));
        }
        return authentication;
    }

    private Token fetch(GraphApp app) {
        Instant now = clock.instant();
        URI endpoint = tokenEndpoint(app.tenantId());
        ClientAuthentication authentication = authentication(app, endpoint, now);
        TokenRequest request = new TokenRequest.Builder(endpoint, authentication, new ClientCredentialsGrant())
                .scope(new Scope(scope)).build();
        AccessTokenResponse answer;
        try {
            answer = exchange.token(request);
        } catch (SmartSignInException unreachable) {
            throw new GraphFailure(Kind.UNREACHABLE, "OpenVisit could not reach Microsoft Entra's token endpoint: "
                    + unreachable.getMessage(), null, unreachable);
        } catch (CodeExchange.Refused refused) {
            throw EntraRefusal.of(app, refused);
        }
        var token = answer.getTokens().getAccessToken();
        long lifetime = token.getLifetime() > 0 ? token.getLifetime() : DEFAULT_LIFETIME_SECONDS;
        return new Token(token.getValue(), now.plus(Duration.ofSeconds(lifetime)));
    }
}
