package org.openvisit.sandbox.oauth;

import java.util.function.Function;

/** The parameters of a request to the authorize endpoint, as sent. */
public record AuthorizationRequest(String responseType, String clientId, String redirectUri, String scope, String state,
                                   String aud, String launch, String codeChallenge, String codeChallengeMethod,
                                   String nonce) {

    public static AuthorizationRequest from(Function<String, String> parameter) {
        return new AuthorizationRequest(parameter.apply("response_type"), parameter.apply("client_id"),
                parameter.apply("redirect_uri"), parameter.apply("scope"), parameter.apply("state"),
                parameter.apply("aud"), parameter.apply("launch"), parameter.apply("code_challenge"),
                parameter.apply("code_challenge_method"), parameter.apply("nonce"));
    }

    public boolean ehrLaunch() {
        return launch != null && !launch.isBlank();
    }
}
