package org.openvisit.sandbox.oauth;

/**
 * What an authorization stands for: the client, the granted scopes, and (for user launches) the
 * launch context, the redirect URI and PKCE challenge the code is bound to, the OpenID nonce, and
 * the FHIR base it was asked for (the {@code aud}, which becomes the id_token's {@code iss}).
 */
public record Grant(String clientId, Scopes scopes, LaunchContext context, String redirectUri, String codeChallenge,
                    String nonce, String fhirBase) {

    /** A grant for a backend-services client: no user, no context. */
    public static Grant system(String clientId, Scopes scopes) {
        return new Grant(clientId, scopes, null, null, null, null, null);
    }

    public String user() {
        return context == null ? null : context.user();
    }

    public String patient() {
        return context == null ? null : context.patient();
    }
}
