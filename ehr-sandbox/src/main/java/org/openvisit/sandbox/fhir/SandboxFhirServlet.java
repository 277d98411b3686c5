package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.openvisit.sandbox.fault.FaultSwitch;
import org.openvisit.sandbox.oauth.AccessTokens;
import org.openvisit.sandbox.records.FhirRecords;

import java.time.ZoneId;
import java.util.List;

/**
 * The FHIR R4 API at {@code /fhir} (and the same API at {@code /v1/fhir}, the SMART v1 face): HAPI's plain
 * RestfulServer over the in-memory records.
 */
@WebServlet(urlPatterns = {"/fhir/*", "/v1/fhir/*"}, loadOnStartup = 1)
public class SandboxFhirServlet extends RestfulServer {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient FhirRecords records;
    @Inject
    private transient AccessTokens tokens;
    @Inject
    private transient ZoneId zone;
    @Inject
    private transient VersionConflicts conflicts;
    @Inject
    private transient FaultSwitch faults;
    @Inject
    private transient org.openvisit.sandbox.subscriptions.SandboxSubscriptions subscriptions;

    public SandboxFhirServlet() {
        super(FhirContext.forR4Cached());
    }

    @Override
    protected void initialize() {
        setImplementationDescription("OpenVisit EHR sandbox (synthetic data)");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        // searchset Bundles paged as real EHRs page them: _count per page, Bundle.link[next] (?_getpages=...) to the
        // rest; without _count, up to 1000 a page (so existing callers still get everything at once)
        ca.uhn.fhir.rest.server.FifoMemoryPagingProvider paging = new ca.uhn.fhir.rest.server.FifoMemoryPagingProvider(200);
        paging.setDefaultPageSize(1000);
        paging.setMaximumPageSize(1000);
        setPagingProvider(paging);
        setResourceProviders(List.of(
                new ClinicalProvider<>(Patient.class, records, zone, conflicts, faults),
                new ClinicalProvider<>(Practitioner.class, records, zone, conflicts, faults),
                new ClinicalProvider<>(PractitionerRole.class, records, zone, conflicts, faults),
                new ClinicalProvider<>(Organization.class, records, zone, conflicts, faults),
                new ClinicalProvider<>(Location.class, records, zone, conflicts, faults),
                new ClinicalProvider<>(Appointment.class, records, zone, conflicts, faults),
                new ClinicalProvider<>(Encounter.class, records, zone, conflicts, faults),
                new CreateProvider<>(AuditEvent.class, records, zone),
                new CreateProvider<>(Communication.class, records, zone),
                new org.openvisit.sandbox.subscriptions.SubscriptionProvider(subscriptions)));
        registerInterceptor(new AccessTokenInterceptor(tokens, records));
        registerInterceptor(new SmartSecurityInterceptor());
    }
}
