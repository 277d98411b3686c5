package org.openvisit.sandbox.oauth;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openvisit.sandbox.apps.AppOrigin;
import org.openvisit.sandbox.apps.AppRegistration;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.apps.ClientKind;
import org.openvisit.sandbox.apps.LaunchBehaviour;
import org.openvisit.sandbox.records.People;
import org.openvisit.sandbox.records.Person;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The token endpoint: authorization code (PKCE S256), refresh token, and SMART Backend Services
 * client_credentials with a private_key_jwt assertion. Answers the SMART token response with the
 * launch context ({@code patient}, {@code encounter}, {@code fhirContext}, {@code need_patient_banner}).
 */
public class TokenService {

    private final AppRegistry apps;
    private final AppOrigin appOrigin;
    private final AuthorizationCodes codes;
    private final AccessTokens tokens;
    private final IdTokens idTokens;
    private final ClientAssertions assertions;
    private final People people;
    private final Clock clock;
    private final TokenFaults faults;

    public TokenService(AppRegistry apps, AppOrigin appOrigin, AuthorizationCodes codes, AccessTokens tokens,
                        IdTokens idTokens, ClientAssertions assertions, People people, Clock clock) {
        this(apps, appOrigin, codes, tokens, idTokens, assertions, people, clock, new TokenFaults());
    }

    public TokenService(AppRegistry apps, AppOrigin appOrigin, AuthorizationCodes codes, AccessTokens tokens,
                        IdTokens idTokens, ClientAssertions assertions, People people, Clock clock,
                        TokenFaults faults) {
        this.faults = faults;
        this.apps = apps;
        this.appOrigin = appOrigin;
        this.codes = codes;
        this.tokens = tokens;
        this.idTokens = idTokens;
        this.assertions = assertions;
        this.people = people;
        this.clock = clock;
    }

    /** Where the request came from: the sandbox's FHIR base and token endpoint for its origin. */
    public record Endpoint(String requestOrigin, String fhirBase, String tokenUrl) {
    }

    /**
     * Answers a token request (form parameters).
     *
     * @throws OAuthException with the OAuth error to return
     */
    public JsonObject exchange(Map<String, String> form, Endpoint endpoint) {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        return switch (grantType) {
            case "authorization_code" -> authorizationCode(form, endpoint);
            case "refresh_token" -> refresh(form, endpoint);
            case "client_credentials" -> clientCredentials(form, endpoint);
            default -> throw new OAuthException("unsupported_grant_type", "grant_type " + grantType + " is not supported", 400);
        };
    }

    private JsonObject authorizationCode(Map<String, String> form, Endpoint endpoint) {
        AppRegistration client = authenticate(form, endpoint);
        String code = form.get("code");
        Grant grant = codes.redeem(code);
        if (!grant.clientId().equals(client.clientId())) {
            throw OAuthException.invalidGrant("the code was issued to another client");
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            throw OAuthException.invalidGrant("redirect_uri does not match the authorization request");
        }
        if (!Pkce.verifies(grant.codeChallenge(), form.get("code_verifier"))) {
            throw OAuthException.invalidGrant("code_verifier does not match the code_challenge");
        }
        TokenFault fault = faults.take();
        if (fault == TokenFault.SERVER_ERROR) {
            throw new OAuthException("server_error", "the sandbox's token fault switch answered an error", 500);
        }
        AccessTokens.Issued access = tokens.issue(grant, code);
        JsonObjectBuilder response = bearer(access, grant.scopes());
        // the issuer is the FHIR base the app was authorized for, even if it calls the token endpoint by another host name
        String fhirBase = grant.fhirBase() != null ? grant.fhirBase() : endpoint.fhirBase();
        if (grant.scopes().has("openid")) { // OpenID Connect: openid granted, an id_token; fhirUser in it only when granted
            String name = people.find(grant.user()).map(Person::displayName).orElse(null);
            response.add("id_token", idTokens.issue(grant, fhirBase, name, fault));
        }
        if (grant.scopes().has("offline_access") || grant.scopes().has("online_access")) {
            response.add("refresh_token", tokens.issueRefreshToken(grant));
        }
        addContext(response, grant.context(), fhirBase);
        return response.build();
    }

    private JsonObject refresh(Map<String, String> form, Endpoint endpoint) {
        AppRegistration client = authenticate(form, endpoint);
        Grant grant = tokens.findRefreshToken(form.get("refresh_token"))
                .orElseThrow(() -> OAuthException.invalidGrant("unknown or revoked refresh_token"));
        if (!grant.clientId().equals(client.clientId())) {
            throw OAuthException.invalidGrant("the refresh_token was issued to another client");
        }
        Grant narrowed = grant;
        if (form.get("scope") != null) {
            Scopes requested = Scopes.parse(form.get("scope"));
            if (!grant.scopes().values().containsAll(requested.values())) {
                throw OAuthException.invalidScope("a refresh may not widen the scopes");
            }
            narrowed = new Grant(grant.clientId(), requested, grant.context(), grant.redirectUri(), null, null, grant.fhirBase());
        }
        JsonObjectBuilder response = bearer(tokens.issue(narrowed, null), narrowed.scopes());
        response.add("refresh_token", form.get("refresh_token"));
        addContext(response, grant.context(), grant.fhirBase() != null ? grant.fhirBase() : endpoint.fhirBase());
        return response.build();
    }

    private JsonObject clientCredentials(Map<String, String> form, Endpoint endpoint) {
        if (form.get("client_assertion") == null) {
            throw OAuthException.invalidClient("client_credentials needs a private_key_jwt client_assertion");
        }
        AppRegistration client = authenticate(form, endpoint);
        Set<String> granted = new LinkedHashSet<>();
        for (String scope : Scopes.parse(form.get("scope")).values()) {
            if (Scopes.isResourceScope(scope) && scope.startsWith("system/")) {
                granted.add(scope);
            }
        }
        if (granted.isEmpty()) {
            throw OAuthException.invalidScope("client_credentials needs at least one system/ scope");
        }
        Scopes scopes = new Scopes(granted);
        return bearer(tokens.issue(Grant.system(client.clientId(), scopes), null), scopes).build();
    }

    /** Identifies the client: a confidential client by its assertion, a public client by client_id. */
    private AppRegistration authenticate(Map<String, String> form, Endpoint endpoint) {
        String assertion = form.get("client_assertion");
        if (assertion != null) {
            if (!ClientAssertions.JWT_BEARER.equals(form.get("client_assertion_type"))) {
                throw OAuthException.invalidClient("client_assertion_type must be " + ClientAssertions.JWT_BEARER);
            }
            String clientId = issuerOf(assertion);
            AppRegistration client = apps.find(clientId)
                    .filter(app -> app.kind() == ClientKind.CONFIDENTIAL_ASYMMETRIC)
                    .orElseThrow(() -> OAuthException.invalidClient("unknown client " + clientId));
            if (form.get("client_id") != null && !form.get("client_id").equals(clientId)) {
                throw OAuthException.invalidClient("client_id does not match the client_assertion");
            }
            assertions.verify(assertion, client, appOrigin.resolve(client.jwksUrl(), endpoint.requestOrigin()),
                    endpoint.tokenUrl());
            return client;
        }
        AppRegistration client = apps.find(form.get("client_id"))
                .orElseThrow(() -> OAuthException.invalidClient("unknown client_id " + form.get("client_id")));
        if (client.kind() != ClientKind.PUBLIC) {
            throw OAuthException.invalidClient("client " + client.clientId() + " must authenticate with a client_assertion");
        }
        return client;
    }

    private static String issuerOf(String assertion) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
        } catch (java.text.ParseException e) {
            throw OAuthException.invalidClient("client_assertion is not a signed JWT");
        }
    }

    private JsonObjectBuilder bearer(AccessTokens.Issued access, Scopes scopes) {
        return Json.createObjectBuilder()
                .add("access_token", access.value())
                .add("token_type", "Bearer")
                .add("expires_in", Math.max(1, Duration.between(clock.instant(), access.expiresAt()).toSeconds()))
                .add("scope", scopes.asString());
    }

    /** The launch context members, shaped as the launch's behaviours say (see {@link LaunchBehaviour}). */
    private static void addContext(JsonObjectBuilder response, LaunchContext context, String fhirBase) {
        if (context == null) {
            return;
        }
        if (context.patient() != null) {
            response.add("patient", context.patient());
        }
        boolean none = context.behaves(LaunchBehaviour.NO_CONTEXT);
        if (context.encounter() != null && !none) {
            response.add("encounter", context.encounter());
        }
        if (context.appointment() != null && !none && !context.behaves(LaunchBehaviour.ENCOUNTER_ONLY)) {
            String reference = "Appointment/" + context.appointment();
            JsonObjectBuilder item = Json.createObjectBuilder();
            if (context.behaves(LaunchBehaviour.FHIR_CONTEXT_CANONICAL)) {
                item.add("type", "Appointment").add("canonical", fhirBase + "/" + reference);
            } else if (context.behaves(LaunchBehaviour.FHIR_CONTEXT_ABSOLUTE)) {
                item.add("reference", fhirBase + "/" + reference);
            } else if (context.behaves(LaunchBehaviour.FHIR_CONTEXT_TYPED)) {
                item.add("type", "Appointment").add("reference", reference);
            } else {
                item.add("reference", reference);
            }
            response.add("fhirContext", Json.createArrayBuilder().add(item));
        }
        if (context.department() != null) {
            response.add("location", context.department());
        }
        response.add("need_patient_banner", context.needPatientBanner());
    }
}
