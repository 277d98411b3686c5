package org.openvisit.ehr;

import java.io.Serializable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SMART authorization in progress: where the browser goes ({@link #authorizeUri()}) and what OpenVisit
 * keeps until the EHR sends the user back: the {@code state} that callback must carry, the PKCE verifier
 * and nonce ({@link #start()}), and the EHR's token endpoint and keys. Kept on the server (the HTTP session),
 * used once. {@link #toString()} shows no secret.
 *
 * @param fhirBase        the FHIR base URL: {@code iss} and {@code aud}
 * @param acceptedIssuers the issuers the id_token may name
 * @param start           state, nonce, PKCE verifier and the authorize URL (built with the Nimbus SDK)
 */
public record SmartAuthorization(String fhirBase, List<String> acceptedIssuers, String clientId, String redirectUri,
                                 String scope, URI tokenEndpoint, URI jwksUri, OAuthStart start)
        implements Serializable {

    public SmartAuthorization {
        acceptedIssuers = List.copyOf(acceptedIssuers);
    }

    /** A new authorization with a fresh state, nonce and PKCE verifier; {@code aud} = the FHIR base URL. */
    public static SmartAuthorization start(SmartConfiguration configuration, String clientId, String redirectUri,
                                           String scope) {
        return start(configuration, clientId, redirectUri, scope, null);
    }

    /** The same for an EHR launch: the authorize request also carries the EHR's {@code launch} value. */
    public static SmartAuthorization start(SmartConfiguration configuration, String clientId, String redirectUri,
                                           String scope, String launch) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("aud", configuration.fhirBase());
        if (launch != null) {
            extra.put("launch", launch);
        }
        OAuthStart start = OAuthStart.create(configuration.authorizationEndpoint(), clientId, redirectUri, scope, extra);
        return new SmartAuthorization(configuration.fhirBase(), configuration.acceptedIssuers(), clientId, redirectUri,
                scope, configuration.tokenEndpoint(), configuration.jwksUri(), start);
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

    @Override
    public String toString() {
        return "SmartAuthorization[fhirBase=" + fhirBase + ", clientId=" + clientId + ", scope=" + scope + "]";
    }
}
