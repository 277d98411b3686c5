package org.openvisit.notify.infrastructure.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.openvisit.ehr.backend.BackendServicesTokens;
import org.openvisit.notify.application.EhrAppointments;
import org.openvisit.notify.application.EhrFeedException;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.writeback.application.EndpointAccess;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The SMS feed's reads of an EHR's FHIR R4 API, with a SMART Backend Services token of
 * {@link BackendServicesTokens#FEED_SCOPE} from the {@code ehr} layer (one FHIR client factory: timeouts, the outbound
 * address policy, no redirects):
 * <ul>
 * <li>{@code GET [base]/Appointment?date=ge<from>&date=le<to>[&_lastUpdated=gt<cursor>]&_count=<n>}: the search
 *     parameters both Epic and Oracle Health document for Appointment ({@code date} with the {@code ge}/{@code le}
 *     prefixes, {@code _count}; {@code _lastUpdated} is standard and sent, but nothing relies on the EHR honouring it:
 *     what comes again is recognised by its version); pages followed by {@code Bundle.link[next]}, only when it is
 *     on the endpoint's own base (a next link elsewhere is refused: it would send the token to another server);</li>
 * <li>{@code GET [base]/Patient/<id>} for the contact points;</li>
 * <li>{@code GET [base]/Appointment/<id>} for an appointment a Subscription notification names.</li>
 * </ul>
 * Each call through {@link EhrFeedCalls} (a 401 tried once more with a new token; failures in words).
 */
@ApplicationScoped
public class HapiFhirAppointments implements EhrAppointments {

    @Inject
    private EhrFeedCalls calls;

    @Override
    public Page search(EndpointAccess access, Query query) {
        StringBuilder url = new StringBuilder("Appointment?date=").append(enc("ge" + instant(query.from())))
                .append("&date=").append(enc("le" + instant(query.to())));
        // a second of overlap: a server that compares to the second (or truncates) must not hide a change made in
        // the cursor's own second; what comes again is recognised by its version
        query.updatedAfter().ifPresent(after -> url.append("&_lastUpdated=").append(enc("gt"
                + instant(after.minusSeconds(1)))));
        url.append("&_count=").append(query.count());
        return calls.call(access, BackendServicesTokens.FEED_SCOPE, "searching appointments", client -> page(client.search().byUrl(url.toString())
                .returnBundle(Bundle.class).execute()));
    }

    @Override
    public Page next(EndpointAccess access, String nextUrl) {
        if (!onBase(nextUrl, access.fhirBase())) {
            throw new EhrFeedException(FhirFeedFailure.BAD_ANSWER, "The EHR's next link of the appointment search "
                    + "points away from the endpoint's FHIR base URL; OpenVisit does not follow it.");
        }
        return calls.call(access, BackendServicesTokens.FEED_SCOPE, "reading the next page of appointments", client -> {
            Bundle link = new Bundle();
            link.addLink().setRelation(Bundle.LINK_NEXT).setUrl(nextUrl);
            return page(client.loadPage().next(link).execute());
        });
    }

    @Override
    public Optional<Patient> patient(EndpointAccess access, String patientId) {
        return calls.call(access, BackendServicesTokens.FEED_SCOPE, "reading a patient's contact points", client -> {
            try {
                return Optional.of(client.read().resource(Patient.class).withId(patientId).execute());
            } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException
                     | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException gone) {
                return Optional.<Patient>empty();
            }
        });
    }

    @Override
    public Optional<Appointment> appointment(EndpointAccess access, String appointmentId) {
        return calls.call(access, BackendServicesTokens.FEED_SCOPE, "reading an appointment", client -> {
            try {
                return Optional.of(client.read().resource(Appointment.class).withId(appointmentId).execute());
            } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException
                     | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException gone) {
                return Optional.<Appointment>empty();
            }
        });
    }

    private static Page page(Bundle bundle) {
        if (bundle.getType() != null && bundle.getType() != Bundle.BundleType.SEARCHSET) {
            throw new EhrFeedException(FhirFeedFailure.BAD_ANSWER, "The EHR answered the appointment search with a "
                    + bundle.getType().toCode() + " Bundle, not a searchset.");
        }
        List<Appointment> appointments = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Appointment).map(r -> (Appointment) r)
                .filter(a -> !a.getIdElement().isEmpty()).toList();
        Optional<String> next = Optional.ofNullable(bundle.getLink(Bundle.LINK_NEXT))
                .map(Bundle.BundleLinkComponent::getUrl).filter(u -> !u.isBlank());
        return new Page(appointments, next);
    }

    /** Whether {@code url} is on the FHIR base (same scheme, host, port, and under its path). */
    static boolean onBase(String url, String base) {
        try {
            URI u = URI.create(url).normalize();
            URI b = URI.create(base.endsWith("/") ? base : base + "/").normalize();
            return u.getScheme() != null && u.getScheme().equalsIgnoreCase(b.getScheme())
                    && u.getHost() != null && u.getHost().equalsIgnoreCase(b.getHost())
                    && u.getPort() == b.getPort()
                    && (u.getRawPath() + "/").startsWith(b.getRawPath()) && u.getRawUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String instant(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
