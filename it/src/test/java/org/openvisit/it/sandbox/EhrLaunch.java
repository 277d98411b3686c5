package org.openvisit.it.sandbox;

import org.openvisit.it.support.Http;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One SMART EHR launch walked by hand: Begin virtual visit, authorize with PKCE, answer the code and verifier. */
record EhrLaunch(String launch, String verifier, String code, String state) {

    static EhrLaunch walk(String user, String appointment) {
        URI launchUrl = Sandbox.beginVirtualVisit(user, appointment);
        String launch = Sandbox.queryOf(launchUrl).get("launch");
        String verifier = Sandbox.newVerifier();
        String state = "state-" + System.nanoTime();
        HttpResponse<String> authorized = Http.get(Sandbox.authorizeUrl(Map.of("launch", launch,
                "code_challenge", Sandbox.challengeOf(verifier), "state", state, "nonce", "nonce-" + state)));
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
        Map<String, String> callback = Sandbox.queryOf(Sandbox.location(authorized));
        assertThat(callback).containsEntry("state", state).containsKey("code");
        return new EhrLaunch(launch, verifier, callback.get("code"), state);
    }

    Map<String, String> codeExchange() {
        return Map.of("grant_type", "authorization_code", "code", code, "client_id", "openvisit",
                "redirect_uri", Sandbox.callback(), "code_verifier", verifier);
    }

    /** Exchanges the code and answers the access token. */
    String accessToken() {
        HttpResponse<String> response = Sandbox.token(codeExchange());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).getString("access_token");
    }
}
