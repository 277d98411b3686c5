package org.openvisit.ehr;

import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;

import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The start of one authorization-code flow (SMART launch, EHR sign-in, portal OpenID Connect), built with the
 * Nimbus OAuth SDK: a fresh {@code state} and {@code nonce} (256 random bits each), a PKCE verifier (RFC 7636,
 * 256 bits) whose S256 challenge goes to the authorize endpoint, and the authorize URL the browser is sent to.
 * The state, nonce and verifier stay on the server (in the HTTP session) until the callback; {@link #toString()}
 * shows none of them.
 */
public record OAuthStart(String state, String nonce, String codeVerifier, URI authorizeUri) implements Serializable {

    /** The only PKCE method OpenVisit uses. */
    public static final CodeChallengeMethod PKCE_METHOD = CodeChallengeMethod.S256;

    /**
     * @param endpoint the authorize endpoint (a query it already has is kept)
     * @param scope    must contain {@code openid}: every flow of OpenVisit proves the user with an id_token
     * @param extra    further parameters ({@code aud} for SMART servers, {@code launch} for an EHR launch)
     */
    public static OAuthStart create(URI endpoint, String clientId, String redirectUri, String scope,
                                    Map<String, String> extra) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                Scope.parse(scope), new ClientID(clientId), URI.create(redirectUri))
                .endpointURI(endpoint)
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, PKCE_METHOD);
        extra.forEach((name, value) -> request.customParameter(name, value));
        // RFC 3986 form: a space in the scope is %20, never '+' (a literal '+' is already %2B)
        URI authorize = URI.create(request.build().toURI().toString().replace("+", "%20"));
        return new OAuthStart(state.getValue(), nonce.getValue(), verifier.getValue(), authorize);
    }

    /** Whether {@code returned} is this flow's state (constant time). */
    public boolean hasState(String returned) {
        return returned != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                returned.getBytes(StandardCharsets.UTF_8));
    }

    public CodeVerifier verifier() {
        return new CodeVerifier(codeVerifier);
    }

    @Override
    public String toString() {
        return "OAuthStart[authorizeEndpoint=" + authorizeUri.getHost() + authorizeUri.getPath() + "]";
    }
}
