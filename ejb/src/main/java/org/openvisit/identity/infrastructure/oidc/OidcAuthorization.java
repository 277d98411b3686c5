package org.openvisit.identity.infrastructure.oidc;

import org.openvisit.ehr.OAuthStart;

import java.io.Serializable;
import java.net.URI;
import java.util.Map;

/**
 * One portal sign-in at the identity provider in progress: where the browser goes
 * ({@link #authorizeUri()}) and what the HTTP session keeps until the provider sends the user back: the
 * state, nonce and PKCE verifier of the EHR layer's {@link OAuthStart} (the same authorization request as a
 * SMART sign-in), and where the user was going ({@code next}, checked again before it is followed). Used
 * once. {@link #toString()} shows no secret.
 */
public record OidcAuthorization(OidcProvider provider, String redirectUri, OAuthStart start, String next)
        implements Serializable {

    public static OidcAuthorization start(OidcProvider provider, PortalSignInSettings settings, String redirectUri,
                                          String next) {
        // a SMART server as identity provider also wants the audience (its FHIR base URL)
        Map<String, String> extra = provider.smart() ? Map.of("aud", provider.issuer()) : Map.of();
        return new OidcAuthorization(provider, redirectUri, OAuthStart.create(provider.authorizationEndpoint(),
                settings.clientId(), redirectUri, settings.scope(), extra), next);
    }

    public String state() {
        return start.state();
    }

    public String nonce() {
        return start.nonce();
    }

    public URI authorizeUri() {
        return start.authorizeUri();
    }

    /** Whether {@code returned} is this authorization's state (constant time). */
    public boolean hasState(String returned) {
        return start.hasState(returned);
    }

    @Override
    public String toString() {
        return "OidcAuthorization[issuer=" + provider.issuer() + ", redirectUri=" + redirectUri + "]";
    }
}
