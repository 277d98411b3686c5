package org.openvisit.notify.infrastructure.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.ehr.backend.BackendServicesTokens;
import org.openvisit.ehr.fhir.FhirClientLimits;
import org.openvisit.ehr.fhir.FhirClients;
import org.openvisit.notify.application.EhrAppointments;
import org.openvisit.notify.application.EhrFeedException;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.writeback.application.DeliveryFailure;
import org.openvisit.writeback.application.EndpointAccess;

import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
 * <li>{@code GET [base]/Patient/<id>} for the contact points.</li>
 * </ul>
 * A 401 is tried once more with a new token; then 401 is UNAUTHORIZED, 403 FORBIDDEN, 429/5xx/no connection
 * UNAVAILABLE, no answer in time TIMEOUT, anything else BAD_ANSWER — each with words for the SMS page.
 */
@ApplicationScoped
public class HapiFhirAppointments implements EhrAppointments {

    @Inject
    private FhirClients fhir;

    @Inject
    private BackendServicesTokens tokens;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.connect-timeout", defaultValue = "PT5S")
    private Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.request-timeout", defaultValue = "PT20S")
    private Duration requestTimeout;

    @Override
    public Page search(EndpointAccess access, Query query) {
        StringBuilder url = new StringBuilder("Appointment?date=").append(enc("ge" + instant(query.from())))
                .append("&date=").append(enc("le" + instant(query.to())));
        // a second of overlap: a server that compares to the second (or truncates) must not hide a change made in
        // the cursor's own second; what comes again is recognised by its version
        query.updatedAfter().ifPresent(after -> url.append("&_lastUpdated=").append(enc("gt"
                + instant(after.minusSeconds(1)))));
        url.append("&_count=").append(query.count());
        return call(access, "searching appointments", client -> page(client.search().byUrl(url.toString())
                .returnBundle(Bundle.class).execute()));
    }

    @Override
    public Page next(EndpointAccess access, String nextUrl) {
        if (!onBase(nextUrl, access.fhirBase())) {
            throw new EhrFeedException(FhirFeedFailure.BAD_ANSWER, "The EHR's next link of the appointment search "
                    + "points away from the endpoint's FHIR base URL; OpenVisit does not follow it.");
        }
        return call(access, "reading the next page of appointments", client -> {
            Bundle link = new Bundle();
            link.addLink().setRelation(Bundle.LINK_NEXT).setUrl(nextUrl);
            return page(client.loadPage().next(link).execute());
        });
    }

    @Override
    public Optional<Patient> patient(EndpointAccess access, String patientId) {
        return call(access, "reading a patient's contact points", client -> {
            try {
                return Optional.of(client.read().resource(Patient.class).withId(patientId).execute());
            } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException
                     | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException gone) {
                return Optional.<Patient>empty();
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

    /** Runs one call with a client; a 401 once more with a new token; failures in words. */
    private <T> T call(EndpointAccess access, String what, Function<IGenericClient, T> work) {
        try {
            try {
                return work.apply(client(access));
            } catch (AuthenticationException first) {
                tokens.forget(access.endpointId());
                return work.apply(client(access));
            }
        } catch (AuthenticationException e) {
            throw new EhrFeedException(FhirFeedFailure.UNAUTHORIZED, "The EHR's FHIR API did not accept OpenVisit's "
                    + "access token (HTTP 401) while " + what + ", even a new one. Check that the EHR gives OpenVisit's "
                    + "backend client access to this FHIR API.");
        } catch (FhirClientConnectionException e) {
            if (timedOut(e)) {
                throw new EhrFeedException(FhirFeedFailure.TIMEOUT, "The EHR did not answer within "
                        + requestTimeout.toSeconds() + " s while " + what + ".");
            }
            throw new EhrFeedException(FhirFeedFailure.UNAVAILABLE, "The EHR's FHIR API could not be reached while "
                    + what + ".");
        } catch (BaseServerResponseException e) {
            int status = e.getStatusCode();
            if (status == 403) {
                throw new EhrFeedException(FhirFeedFailure.FORBIDDEN, "The EHR refused OpenVisit's backend client "
                        + "(HTTP 403) while " + what + ": it needs the scopes " + BackendServicesTokens.FEED_SCOPE + ".");
            }
            if (status == 429) {
                throw new EhrFeedException(FhirFeedFailure.UNAVAILABLE, "The EHR asked OpenVisit to slow down "
                        + "(HTTP 429) while " + what + ".", retryAfter(e.getResponseHeaders()));
            }
            if (status >= 500 || status == 408) {
                throw new EhrFeedException(FhirFeedFailure.UNAVAILABLE, "The EHR answered HTTP " + status + " while "
                        + what + ".", retryAfter(e.getResponseHeaders()));
            }
            throw new EhrFeedException(FhirFeedFailure.BAD_ANSWER, "The EHR answered HTTP " + status + " while "
                    + what + " (a search parameter it does not take?).");
        } catch (ca.uhn.fhir.parser.DataFormatException | ClassCastException e) {
            throw new EhrFeedException(FhirFeedFailure.BAD_ANSWER, "The EHR's answer was not readable FHIR while "
                    + what + ".");
        }
    }

    private IGenericClient client(EndpointAccess access) {
        try {
            return fhir.backendClient(access, new FhirClientLimits(connectTimeout, requestTimeout, 8, 2),
                    BackendServicesTokens.FEED_SCOPE);
        } catch (SmartSignInException refused) {
            throw new EhrFeedException(FhirFeedFailure.NOT_READY, refused.getMessage());
        } catch (DeliveryFailure failure) {
            FhirFeedFailure kind = failure.status() == 401 || failure.status() == 400 ? FhirFeedFailure.UNAUTHORIZED
                    : failure.status() == 403 ? FhirFeedFailure.FORBIDDEN : FhirFeedFailure.UNAVAILABLE;
            throw new EhrFeedException(kind, failure.getMessage(), failure.retryAfter().orElse(null));
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof org.apache.http.conn.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
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

    private static Duration retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals("retry-after") && !e.getValue().isEmpty()) {
                try {
                    return Duration.ofSeconds(Math.max(0, Long.parseLong(e.getValue().get(0).strip())));
                } catch (NumberFormatException notSeconds) {
                    return null;
                }
            }
        }
        return null;
    }
}
