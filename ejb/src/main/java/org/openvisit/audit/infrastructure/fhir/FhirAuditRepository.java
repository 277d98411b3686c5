package org.openvisit.audit.infrastructure.fhir;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openvisit.audit.application.AuditEntry;
import org.openvisit.audit.application.AuditRepository;
import org.openvisit.audit.application.AuditSearchService;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.ehr.fhir.FhirClientLimits;
import org.openvisit.ehr.fhir.FhirClients;
import org.openvisit.ehr.fhir.OutboundAddressRefusedException;

import java.time.Duration;

/**
 * POSTs an AuditEvent to an organization's audit repository with a HAPI client of the {@code ehr} layer
 * ({@link FhirClients}): the outbound address policy checked on the URL and on every connection's name lookup, no
 * redirects, connect within {@link #CONNECT}, an answer within {@link #ANSWER}, a small pool of its own. Sent without
 * credentials: a repository that needs them is reached through the organization's own gateway (see docs/security.md).
 */
@ApplicationScoped
public class FhirAuditRepository implements AuditRepository {

    static final Duration CONNECT = Duration.ofSeconds(5);
    static final Duration ANSWER = Duration.ofSeconds(10);
    private static final FhirClientLimits LIMITS = new FhirClientLimits(CONNECT, ANSWER, 8, 2);

    @Inject
    private FhirClients fhir;

    @Inject
    private AuditSearchService search;

    private String observer;

    protected FhirAuditRepository() {
        // for CDI
    }

    /** Outside the container (tests, tools): these clients, this installation's name. */
    FhirAuditRepository(FhirClients fhir, String observer) {
        this.fhir = fhir;
        this.observer = observer;
    }

    @Override
    public void send(String fhirBase, AuditEntry entry) {
        try {
            fhir.client(fhirBase, LIMITS).create().resource(BalpAuditEvents.of(entry, observer == null ? search.observer() : observer)).execute();
        } catch (SmartSignInException refused) {
            throw new ForwardFailure(true, refused.getMessage());
        } catch (FhirClientConnectionException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutboundAddressRefusedException refused) {
                    throw new ForwardFailure(true, refused.getMessage());
                }
            }
            throw new ForwardFailure(false, "The audit repository could not be reached or did not answer within "
                    + ANSWER.toSeconds() + " s.");
        } catch (BaseServerResponseException e) {
            int status = e.getStatusCode();
            boolean again = status >= 500 || status == 408 || status == 429;
            throw new ForwardFailure(!again, "The audit repository answered HTTP " + status
                    + (again ? "." : ": it did not accept the AuditEvent."));
        }
    }
}
