package org.openvisit.ehr.fhir;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;

import java.util.List;

/**
 * Sends {@code If-None-Exist} as FHIR R4 defines it (http.html#ccreate): only the search parameters
 * ({@code identifier=system|value}). HAPI's client builds the header as an absolute URL
 * ({@code http://ehr/fhir/Communication?identifier=...}) from both {@code conditional().where(...)} and
 * {@code conditionalByUrl(...)}; servers that follow the specification strictly refuse that with 400.
 */
public final class RelativeIfNoneExist implements IClientInterceptor {

    static final String HEADER = "If-None-Exist";

    @Override
    public void interceptRequest(IHttpRequest request) {
        List<String> values = request.getAllHeaders().entrySet().stream()
                .filter(e -> HEADER.equalsIgnoreCase(e.getKey()))
                .flatMap(e -> e.getValue().stream()).toList();
        if (values.isEmpty()) {
            return;
        }
        request.removeHeaders(HEADER);
        request.addHeader(HEADER, searchParameters(values.get(0)));
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing to do on the way back
    }

    /** The query part of a conditional URL ({@code [base/]Type?a=b} becomes {@code a=b}); a bare query stays. */
    static String searchParameters(String conditional) {
        int question = conditional.indexOf('?');
        return question < 0 ? conditional : conditional.substring(question + 1);
    }
}
