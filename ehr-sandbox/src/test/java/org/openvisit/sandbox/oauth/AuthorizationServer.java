package org.openvisit.sandbox.oauth;

import org.openvisit.sandbox.MutableClock;
import org.openvisit.sandbox.apps.AppOrigin;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.records.FhirRecords;
import org.openvisit.sandbox.records.People;
import org.openvisit.sandbox.records.SampleRecords;
import org.openvisit.sandbox.screen.EhrLauncher;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** The sandbox's authorization server wired in plain Java, on a clock the test moves, for origin http://ehr.test:8181. */
final class AuthorizationServer {

    static final String ORIGIN = "http://ehr.test:8181";
    static final String FHIR_BASE = ORIGIN + "/ehr-sandbox/fhir";
    static final String TOKEN_URL = ORIGIN + "/ehr-sandbox/oauth/token";
    static final String CALLBACK = ORIGIN + "/launch/callback";
    static final TokenService.Endpoint ENDPOINT = new TokenService.Endpoint(ORIGIN, FHIR_BASE, TOKEN_URL);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    final FhirRecords records = new FhirRecords(clock);
    final AppRegistry apps = new AppRegistry();
    final AppOrigin appOrigin = new AppOrigin(Optional.empty());
    final TokenLifetimes lifetimes = new TokenLifetimes();
    final SigningKey signingKey = new SigningKey();
    final AccessTokens tokens = new AccessTokens(clock, lifetimes);
    final AuthorizationCodes codes = new AuthorizationCodes(clock, lifetimes, tokens);
    final LaunchContexts launches = new LaunchContexts(clock);
    final AuthorizationService authorization = new AuthorizationService(apps, appOrigin, launches, codes);
    final TokenFaults tokenFaults = new TokenFaults();
    final TokenService tokenService = new TokenService(apps, appOrigin, codes, tokens,
            new IdTokens(signingKey, clock, lifetimes), new ClientAssertions(clock), new People(records), clock,
            tokenFaults);
    final EhrLauncher launcher = new EhrLauncher(records, apps, appOrigin, launches, clock);

    AuthorizationServer() {
        SampleRecords.seed(records, LocalDate.of(2026, 11, 23), ZoneOffset.UTC);
    }

    /** The opaque launch id of an EHR launch of the openvisit app. */
    String ehrLaunch(String user, String appointment) {
        String url = launcher.launchUrl(AppRegistry.OPENVISIT, appointment, user, FHIR_BASE, ORIGIN);
        return url.substring(url.indexOf("launch=") + "launch=".length());
    }

    /** The launch URL of an EHR launch of the openvisit app that behaves as told. */
    String ehrLaunchUrl(String user, String appointment, java.util.Set<org.openvisit.sandbox.apps.LaunchBehaviour> behaviours) {
        return launcher.launchUrl(AppRegistry.OPENVISIT, appointment, user, FHIR_BASE, ORIGIN, behaviours, null);
    }

    static AuthorizationRequest request(String launch, String challenge) {
        return new AuthorizationRequest("code", AppRegistry.OPENVISIT, CALLBACK, "launch openid fhirUser user/*.rs offline_access",
                "state-1", FHIR_BASE, launch, challenge, "S256", "nonce-1");
    }

    /** Walks authorize for an EHR launch and answers the code. */
    String code(String launch, String verifier) {
        var checked = authorization.check(request(launch, Pkce.challengeOf(verifier)), FHIR_BASE, ORIGIN);
        String redirect = authorization.approve(checked, checked.ehrContext());
        return redirect.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    static Map<String, String> codeExchange(String code, String verifier) {
        return Map.of("grant_type", "authorization_code", "code", code, "client_id", AppRegistry.OPENVISIT,
                "redirect_uri", CALLBACK, "code_verifier", verifier);
    }
}
