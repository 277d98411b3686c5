package org.openvisit.writeback.infrastructure.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openvisit.writeback.application.WriteBackSettings;

/**
 * The application's one {@link FhirContext} (R4; costly to make, safe to share) with its client factory
 * set up once: connect and socket timeouts from the write-back settings, a connection pool sized for the
 * relay's parallelism, and no conformance check before each client's first call.
 */
@ApplicationScoped
public class WriteBackFhirContext {

    @Inject
    private WriteBackSettings settings;

    private FhirContext context;

    @PostConstruct
    void init() {
        context = FhirContext.forR4();
        IRestfulClientFactory factory = context.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout((int) settings.connectTimeout().toMillis());
        factory.setConnectionRequestTimeout((int) settings.requestTimeout().toMillis());
        factory.setSocketTimeout((int) settings.requestTimeout().toMillis());
        factory.setPoolMaxTotal(settings.parallelism() * 2 + 4);
        factory.setPoolMaxPerRoute(settings.parallelism() + 2);
    }

    public FhirContext context() {
        return context;
    }
}
