package org.openvisit.sandbox.oauth;

import org.openvisit.sandbox.apps.AppOrigin;
import org.openvisit.sandbox.apps.AppRegistration;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.web.RequestOrigin;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The authorize endpoint's decisions: checks a request the way an EHR does (known client, registered
 * redirect URI, a {@code state}, {@code aud} = this FHIR base, PKCE with S256, a live {@code launch}),
 * then issues the code.
 */
public class AuthorizationService {

    private static final Set<String> USER_SCOPES = Set.of("openid", "fhirUser", "profile", "launch", "launch/patient",
            "launch/encounter", "offline_access", "online_access");

    private final AppRegistry apps;
    private final AppOrigin appOrigin;
    private final LaunchContexts launches;
    private final AuthorizationCodes codes;

    public AuthorizationService(AppRegistry apps, AppOrigin appOrigin, LaunchContexts launches, AuthorizationCodes codes) {
        this.apps = apps;
        this.appOrigin = appOrigin;
        this.launches = launches;
        this.codes = codes;
    }

    /** A request that passed every check, with its launch context when it is an EHR launch. */
    public record Checked(AuthorizationRequest request, AppRegistration client, LaunchContext ehrContext) {
    }

    /**
     * @param fhirBase      this sandbox's FHIR base URL for the request's origin (what {@code aud} must be)
     * @param requestOrigin the origin the request came in on (for {@code {origin}} in redirect URIs)
     * @throws AuthorizationError when the request is refused
     */
    public Checked check(AuthorizationRequest request, String fhirBase, String requestOrigin) {
        AppRegistration client = apps.find(request.clientId()).orElseThrow(() ->
                new AuthorizationError("invalid_client", "unknown client_id " + request.clientId(), null, null));
        boolean registered = request.redirectUri() != null && client.redirectUris().stream()
                .flatMap(uri -> appOrigin.candidates(uri, requestOrigin).stream()).anyMatch(request.redirectUri()::equals);
        if (!registered) {
            throw new AuthorizationError("invalid_request",
                    "redirect_uri " + request.redirectUri() + " is not registered for client " + client.clientId(), null, null);
        }
        String redirect = request.redirectUri();
        String state = request.state();
        if (state == null || state.isBlank()) {
            throw new AuthorizationError("invalid_request", "state is required", redirect, null);
        }
        if (!"code".equals(request.responseType())) {
            throw new AuthorizationError("unsupported_response_type", "response_type must be code", redirect, state);
        }
        if (request.aud() == null || !stripSlash(request.aud()).equals(stripSlash(fhirBase))) {
            throw new AuthorizationError("invalid_request", "aud must be this FHIR server: " + fhirBase, redirect, state);
        }
        if (request.codeChallenge() == null || request.codeChallenge().isBlank()) {
            throw new AuthorizationError("invalid_request", "PKCE is required: code_challenge is missing", redirect, state);
        }
        if (!Pkce.S256.equals(request.codeChallengeMethod())) {
            throw new AuthorizationError("invalid_request",
                    "code_challenge_method must be S256 (plain is not supported)", redirect, state);
        }
        Scopes scopes = Scopes.parse(request.scope());
        if (scopes.values().isEmpty()) {
            throw new AuthorizationError("invalid_scope", "scope is required", redirect, state);
        }
        if (fhirBase.endsWith(RequestOrigin.V1_PATH)) {
            for (String scope : scopes.values()) {
                if (Scopes.isResourceScope(scope) && !scope.matches(".*\\.(read|write|\\*)(\\?.*)?")) {
                    throw new AuthorizationError("invalid_scope", "this EHR takes SMART v1 scopes only (.read, "
                            + ".write, .*), not " + scope, redirect, state);
                }
            }
        }
        LaunchContext context = null;
        if (request.ehrLaunch()) {
            if (!scopes.has("launch")) {
                throw new AuthorizationError("invalid_scope", "an EHR launch must request the launch scope", redirect, state);
            }
            context = launches.find(request.launch(), client.clientId()).orElseThrow(() ->
                    new AuthorizationError("invalid_request", "launch is unknown or expired", redirect, state));
        }
        return new Checked(request, client, context);
    }

    /**
     * Issues the code for a checked request and the user's context; returns the redirect back to the
     * client. A patient user's {@code user/} scopes are granted as {@code patient/} scopes.
     */
    public String approve(Checked checked, LaunchContext context) {
        return approve(checked, context, false);
    }

    /**
     * As {@link #approve(Checked, LaunchContext)}; with {@code withholdFhirUser} the user (or the EHR's
     * configuration) does not grant {@code fhirUser}: the id_token then names the user by an opaque account id
     * ({@code sub}) only, as EHRs do for an app that was not given that scope.
     */
    public String approve(Checked checked, LaunchContext context, boolean withholdFhirUser) {
        AuthorizationRequest request = checked.request();
        Scopes granted = grantedScopes(Scopes.parse(request.scope()));
        if (withholdFhirUser) {
            Set<String> without = new LinkedHashSet<>(granted.values());
            without.remove("fhirUser");
            granted = new Scopes(without);
        }
        if (context.user() != null && context.user().startsWith("Patient/")) {
            granted = asPatientLevel(granted);
        }
        Grant grant = new Grant(checked.client().clientId(), granted, context,
                request.redirectUri(), request.codeChallenge(), request.nonce(), stripSlash(request.aud()));
        return Urls.withQuery(request.redirectUri(), "code", codes.issue(grant), "state", request.state());
    }

    /** The requested scopes the sandbox grants to a user: SMART user-facing scopes and patient/user resource scopes. */
    static Scopes grantedScopes(Scopes requested) {
        Set<String> granted = new LinkedHashSet<>();
        for (String scope : requested.values()) {
            if (USER_SCOPES.contains(scope)
                    || (Scopes.isResourceScope(scope) && (scope.startsWith("patient/") || scope.startsWith("user/")))) {
                granted.add(scope);
            }
        }
        return new Scopes(granted);
    }

    /** A patient signed in gets patient-level access only: {@code user/X} scopes become {@code patient/X}. */
    static Scopes asPatientLevel(Scopes scopes) {
        Set<String> patientLevel = new LinkedHashSet<>();
        for (String scope : scopes.values()) {
            patientLevel.add(scope.startsWith("user/") ? "patient/" + scope.substring("user/".length()) : scope);
        }
        return new Scopes(patientLevel);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
