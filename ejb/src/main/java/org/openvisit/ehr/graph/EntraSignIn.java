package org.openvisit.ehr.graph;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.IdTokenVerifier;
import org.openvisit.ehr.OAuthStart;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.ehr.graph.GraphFailure.Kind;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A clinician's one-time Microsoft sign-in: OpenID Connect authorization code with PKCE (S256) against the
 * organization's Entra tenant ({@code <login base>/<tenant>/oauth2/v2.0/authorize} and {@code .../token}), as the
 * organization's own app registration with its credential (certificate assertion or secret, as for Graph), through the
 * EHR layer's {@link OAuthStart}, {@link CodeExchange} and {@link IdTokenVerifier}. The id_token must be signed (RS256)
 * with a key of the tenant's JWKS ({@code <login base>/<tid>/discovery/v2.0/keys}), issued by
 * {@code <login base>/<tid>/v2.0} for the app, carry the nonce sent, and name a tenant and an object id; when the
 * organization entered its tenant as a GUID, it must be that tenant. Only {@code tid} and {@code oid} are taken from it.
 */
public class EntraSignIn {

    static final String SCOPE = "openid profile";
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CodeExchange exchange;
    private final IdTokenVerifier verifier;
    private final URI loginBase;
    private final Clock clock;

    public EntraSignIn(CodeExchange exchange, IdTokenVerifier verifier, URI loginBase, Clock clock) {
        this.exchange = exchange;
        this.verifier = verifier;
        this.loginBase = loginBase;
        this.clock = clock;
    }

    /** A new sign-in: where to send the browser, and the state, nonce and PKCE verifier to keep until it returns. */
    public OAuthStart start(GraphApp app, String redirectUri) {
        return OAuthStart.create(endpoint(app.tenantId(), "oauth2/v2.0/authorize"), app.clientId(), redirectUri, SCOPE,
                Map.of());
    }

    /**
     * Exchanges the code the browser brought back and checks the id_token.
     *
     * @throws GraphFailure Entra refused the code or the app, could not be reached, or its id_token is not one
     */
    public EntraIdentity finish(GraphApp app, String redirectUri, String code, OAuthStart start) {
        Instant now = clock.instant();
        URI tokenEndpoint = endpoint(app.tenantId(), "oauth2/v2.0/token");
        OIDCTokenResponse answer;
        try {
            answer = exchange.authorizationCode(tokenEndpoint, app.clientId(),
                    GraphTokens.authentication(app, tokenEndpoint, now), code, redirectUri, start);
        } catch (CodeExchange.Refused refused) {
            throw EntraRefusal.of(app, refused);
        } catch (SmartSignInException unusable) {
            throw new GraphFailure(Kind.UNREACHABLE, "The Microsoft sign-in could not be completed: "
                    + unusable.getMessage(), null, unusable);
        }
        String idToken = answer.getOIDCTokens().getIDTokenString();
        String tid = claimedTenant(idToken);
        if (GUID.matcher(app.tenantId()).matches() && !app.tenantId().equalsIgnoreCase(tid)) {
            throw new GraphFailure(Kind.UNEXPECTED, "The Microsoft sign-in is of another directory (tenant " + tid
                    + ") than the organization's (" + app.tenantId() + ").");
        }
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(idToken, endpoint(tid, "discovery/v2.0/keys"), new IdTokenVerifier.Expected(
                    List.of(base() + "/" + tid + "/v2.0"), app.clientId(), Set.of(JWSAlgorithm.RS256)),
                    start.nonce(), now);
        } catch (SmartSignInException refused) {
            throw new GraphFailure(Kind.UNEXPECTED, "Microsoft's proof of the sign-in (id_token) was not accepted: "
                    + refused.getMessage(), null, refused);
        }
        Object oid = claims.getClaim("oid");
        if (!(oid instanceof String objectId) || !GUID.matcher(objectId).matches()) {
            throw new GraphFailure(Kind.UNEXPECTED, "Microsoft's proof of the sign-in names no Entra object id (oid).");
        }
        return new EntraIdentity(tid.toLowerCase(java.util.Locale.ROOT), objectId.toLowerCase(java.util.Locale.ROOT));
    }

    /** The tenant the (not yet checked) id_token claims: it says which keys and issuer check it. */
    private static String claimedTenant(String idToken) {
        try {
            Object tid = SignedJWT.parse(idToken).getJWTClaimsSet().getClaim("tid");
            if (tid instanceof String t && GUID.matcher(t).matches()) {
                return t;
            }
        } catch (ParseException | RuntimeException unreadable) {
            // said below
        }
        throw new GraphFailure(Kind.UNEXPECTED, "Microsoft's proof of the sign-in (id_token) names no tenant (tid).");
    }

    private URI endpoint(String tenant, String path) {
        return URI.create(base() + "/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/" + path);
    }

    private String base() {
        return loginBase.toString().replaceAll("/+$", "");
    }
}
