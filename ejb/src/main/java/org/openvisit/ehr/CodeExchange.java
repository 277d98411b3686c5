package org.openvisit.ehr;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import org.openvisit.ehr.SmartSignInException.Failure;

import java.io.IOException;
import java.net.URI;

/**
 * Requests to an OAuth token endpoint with the Nimbus SDK, sent through {@link OutboundHttp}: the one
 * authorization-code exchange of OpenVisit (SMART launch, EHR sign-in, portal OpenID Connect; PKCE verifier always,
 * a client authentication when the client has one) and the client-credentials request of SMART Backend Services.
 * Codes, verifiers and tokens are never logged; a refusal keeps only the status and the OAuth error code (and the
 * {@code error_description} only when the caller asks for it).
 */
public final class CodeExchange {

    /** The token endpoint refused: its HTTP status and OAuth error code (letters, digits, {@code _} only). */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String error;
        private final String description;

        Refused(int status, String error, String description) {
            super("HTTP " + status + (error == null ? "" : ", " + error));
            this.status = status;
            this.error = error;
            this.description = description;
        }

        public int status() {
            return status;
        }

        /** The OAuth {@code error} code, or {@code null}. */
        public String error() {
            return error;
        }

        /** The {@code error_description}, cleaned and cut to 300 characters, or {@code null}. */
        public String description() {
            return description;
        }
    }

    private final OutboundHttp http;

    public CodeExchange(OutboundHttp http) {
        this.http = http;
    }

    /**
     * Exchanges an authorization code.
     *
     * @param authentication the client's authentication, or {@code null} for a public client (then
     *                       {@code client_id} goes in the form)
     * @return the token response with its id_token (not yet checked)
     * @throws Refused              the endpoint answered an OAuth error (or another non-200 status)
     * @throws SmartSignInException the endpoint could not be reached ({@link Failure#UNREACHABLE}, ...), or its
     *                              answer is unusable ({@link Failure#TOKEN_ENDPOINT_ERROR}, or
     *                              {@link Failure#INVALID_ID_TOKEN} when it has no id_token)
     */
    public OIDCTokenResponse authorizationCode(URI tokenEndpoint, String clientId, ClientAuthentication authentication,
                                               String code, String redirectUri, OAuthStart start) {
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(redirectUri),
                start.verifier());
        TokenRequest request = authentication == null
                ? new TokenRequest.Builder(tokenEndpoint, new ClientID(clientId), grant).build()
                : new TokenRequest.Builder(tokenEndpoint, authentication, grant).build();
        HTTPResponse response = send(request);
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(response);
        } catch (ParseException unusable) {
            if (response.getStatusCode() == 200 && answersWithoutIdToken(response)) {
                throw new SmartSignInException(Failure.INVALID_ID_TOKEN, "The token endpoint (" + tokenEndpoint
                        + ") completed the sign-in but sent no id_token, the proof of who signed in.");
            }
            throw refusedOrUnusable(tokenEndpoint, response);
        }
        if (!parsed.indicatesSuccess()) {
            throw refused(response, parsed.toErrorResponse());
        }
        OIDCTokenResponse success = (OIDCTokenResponse) parsed.toSuccessResponse();
        if (success.getOIDCTokens().getIDTokenString() == null) {
            throw new SmartSignInException(Failure.INVALID_ID_TOKEN, "The token endpoint (" + tokenEndpoint
                    + ") completed the sign-in but sent no id_token, the proof of who signed in.");
        }
        return success;
    }

    /**
     * Sends any token request (e.g. client credentials) and parses the answer.
     *
     * @throws Refused              the endpoint answered an OAuth error (or another non-200 status)
     * @throws SmartSignInException unreachable or an unusable answer
     */
    public com.nimbusds.oauth2.sdk.AccessTokenResponse token(TokenRequest request) {
        HTTPResponse response = send(request);
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException unusable) {
            throw refusedOrUnusable(request.getEndpointURI(), response);
        }
        if (!parsed.indicatesSuccess()) {
            throw refused(response, parsed.toErrorResponse());
        }
        return parsed.toSuccessResponse();
    }

    /** The scope granted, or {@code ""}. */
    public static String scope(com.nimbusds.oauth2.sdk.AccessTokenResponse response) {
        Scope scope = response.getTokens().getAccessToken().getScope();
        return scope == null ? "" : scope.toString();
    }

    private HTTPResponse send(TokenRequest request) {
        try {
            return request.toHTTPRequest().send(http);
        } catch (OutboundHttp.Refused refused) {
            throw refused.failure();
        } catch (IOException e) {
            throw new SmartSignInException(Failure.UNREACHABLE, "OpenVisit could not reach the token endpoint "
                    + request.getEndpointURI() + ".", e);
        }
    }

    private static RuntimeException refusedOrUnusable(URI tokenEndpoint, HTTPResponse response) {
        if (response.getStatusCode() != 200) {
            return new Refused(response.getStatusCode(), null, null);
        }
        return new SmartSignInException(Failure.TOKEN_ENDPOINT_ERROR, "The token endpoint (" + tokenEndpoint
                + ") answered something that is not a token response.");
    }

    private static Refused refused(HTTPResponse response, TokenErrorResponse error) {
        ErrorObject object = error.getErrorObject();
        String code = object == null || object.getCode() == null ? null
                : object.getCode().replaceAll("[^A-Za-z0-9_]", "");
        String description = object == null || object.getDescription() == null ? null
                : cut(object.getDescription().replaceAll("\\p{Cntrl}", " "));
        return new Refused(response.getStatusCode(), code == null || code.isEmpty() ? null : code, description);
    }

    private static boolean answersWithoutIdToken(HTTPResponse response) {
        try {
            var json = response.getBodyAsJSONObject();
            return json.containsKey("access_token") && !json.containsKey("id_token");
        } catch (ParseException notJson) {
            return false;
        }
    }

    private static String cut(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
