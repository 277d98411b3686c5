package org.openvisit.ehr.fhir;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.apache.ApacheHttpRequest;
import org.apache.http.client.config.RequestConfig;

/**
 * Puts the pool's timeouts on every request. Measured here (HAPI 8.6.5, HttpClient 4.5): a HAPI request waited
 * for a slow answer past the client's default socket timeout, while a plain request through the same HTTP client
 * timed out; set on the request itself, the timeout holds ({@code FhirClientsTest}).
 */
final class RequestTimeouts implements IClientInterceptor {

    private final RequestConfig config;

    RequestTimeouts(RequestConfig config) {
        this.config = config;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        if (request instanceof ApacheHttpRequest apache) {
            apache.getApacheRequest().setConfig(config);
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing to do on the way back
    }
}
