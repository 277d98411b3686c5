package org.openvisit.writeback.infrastructure.fhir;

import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.openvisit.smart.OutboundHttp;
import org.openvisit.smart.SmartSignInException;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.writeback.application.Delivery;
import org.openvisit.writeback.application.DeliveryFailure;
import org.openvisit.writeback.application.DeliveryFailure.Kind;
import org.openvisit.writeback.application.EhrWriteBack;
import org.openvisit.writeback.application.WriteBackSettings;
import org.openvisit.writeback.domain.model.WriteBackAdapter;
import org.openvisit.writeback.infrastructure.smart.BackendServicesTokens;

import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The default adapter: FHIR R4 through HAPI's generic client.
 * <ol>
 * <li>Connect and end move the Encounter (in-progress with period start, finished with period end); when
 *     the EHR gave no Encounter, arrival and end move the Appointment (arrived, fulfilled). The record is
 *     read, changed only forward, and written with {@code If-Match} on the version read; on {@code 412}
 *     it is read again and the change applied again (at most {@value #MAX_CONFLICTS} times).</li>
 * <li>Every event becomes a Communication whose identifier is the event's id in OpenVisit's system
 *     {@value #EVENT_SYSTEM}, created with {@code If-None-Exist} on it: a replay finds the first one.</li>
 * </ol>
 * Only the references the EHR gave are sent (Encounter, Appointment); nothing about the patient.
 */
@ApplicationScoped
public class HapiFhirWriteBack implements EhrWriteBack {

    public static final String EVENT_SYSTEM = "urn:openvisit:visit-event";
    public static final String CATEGORY_SYSTEM = "urn:openvisit:writeback";
    public static final String CATEGORY_CODE = "virtual-visit-event";
    static final int MAX_CONFLICTS = 3;

    @Inject
    private WriteBackFhirContext fhir;

    @Inject
    private BackendServicesTokens tokens;

    @Inject
    private OutboundAddressConfiguration addresses;

    @Inject
    private WriteBackSettings settings;

    private OutboundHttp addressCheck;

    @PostConstruct
    void init() {
        addressCheck = new OutboundHttp(addresses.policy());
    }

    @Override
    public WriteBackAdapter kind() {
        return WriteBackAdapter.FHIR;
    }

    @Override
    public void deliver(Delivery d) {
        try {
            addressCheck.check(URI.create(d.access().fhirBase()), "the EHR's FHIR API");
        } catch (SmartSignInException e) {
            throw new DeliveryFailure(Kind.PERMANENT, e.getMessage());
        }
        try {
            write(d, client(d));
        } catch (AuthenticationException e) {
            // the token may have been revoked or the EHR restarted: once more with a new one
            tokens.forget(d.access().endpointId());
            try {
                write(d, client(d));
            } catch (AuthenticationException again) {
                throw new DeliveryFailure(Kind.ENDPOINT_DOWN, "The EHR did not accept OpenVisit's new access token "
                        + "(HTTP 401).");
            }
        }
    }

    private IGenericClient client(Delivery d) {
        IGenericClient client = fhir.context().newRestfulGenericClient(d.access().fhirBase());
        client.registerInterceptor(new BearerTokenAuthInterceptor(tokens.accessToken(d.access())));
        return client;
    }

    private void write(Delivery d, IGenericClient client) {
        String encounter = d.context().encounter();
        String appointment = d.context().appointment();
        if (encounter != null && RecordChanges.touchesEncounter(d.type())) {
            update(client, Encounter.class, encounter, e -> RecordChanges.apply(e, d.type(), d.occurredAt()));
        } else if (encounter == null && appointment != null && RecordChanges.touchesAppointment(d.type())) {
            update(client, Appointment.class, appointment, a -> RecordChanges.apply(a, d.type()));
        }
        record(client, d);
    }

    /** Read, change, write with If-Match; read again on 412. */
    private <T extends DomainResource> void update(IGenericClient client, Class<T> type, String reference,
                                                   Function<T, Boolean> change) {
        for (int conflict = 0; ; conflict++) {
            T resource = call(() -> client.read().resource(type).withUrl(reference).execute(), "read " + reference);
            if (!change.apply(resource)) {
                return;
            }
            String version = resource.getMeta().getVersionId();
            if (version == null) {
                version = resource.getIdElement().getVersionIdPart();
            }
            resource.setId(resource.getIdElement().toUnqualifiedVersionless());
            var update = client.update().resource(resource).withId(resource.getIdElement());
            if (version != null) {
                update = update.withAdditionalHeader("If-Match", "W/\"" + version + "\"");
            }
            try {
                var u = update;
                call(u::execute, "update " + reference);
                return;
            } catch (PreconditionFailedException changedMeanwhile) {
                if (conflict + 1 >= MAX_CONFLICTS) {
                    throw new DeliveryFailure(Kind.TRY_AGAIN, "The EHR's " + reference + " kept changing while "
                            + "OpenVisit updated it (HTTP 412, " + MAX_CONFLICTS + " times).");
                }
            }
        }
    }

    private void record(IGenericClient client, Delivery d) {
        Communication c = new Communication();
        c.addIdentifier().setSystem(EVENT_SYSTEM).setValue(d.eventId().toString());
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addCategory().addCoding().setSystem(CATEGORY_SYSTEM).setCode(CATEGORY_CODE).setDisplay("Virtual visit event");
        if (d.context().encounter() != null) {
            c.setEncounter(new Reference(d.context().encounter()));
        }
        if (d.context().appointment() != null) {
            c.addAbout(new Reference(d.context().appointment()));
        }
        c.setSent(Date.from(d.occurredAt()));
        c.addPayload().setContent(new StringType(EventText.of(d.type(), d.attendeeRole(), d.sequence())));
        call(() -> client.create().resource(c).conditional()
                .where(Communication.IDENTIFIER.exactly().systemAndIdentifier(EVENT_SYSTEM, d.eventId().toString()))
                .prefer(PreferReturnEnum.MINIMAL) // the EHR need not send it back: less work on both sides
                .execute(), "record the event as a Communication");
    }

    private interface Call<T> {
        T run();
    }

    /** Runs one HTTP interaction and says in plain words what failed. 401 and 412 pass through. */
    private <T> T call(Call<T> call, String what) {
        try {
            return call.run();
        } catch (AuthenticationException | PreconditionFailedException passOn) {
            throw passOn;
        } catch (FhirClientConnectionException e) {
            throw new DeliveryFailure(Kind.ENDPOINT_DOWN, "The EHR could not be reached or did not answer within "
                    + settings.requestTimeout().toSeconds() + " s (" + what + ").");
        } catch (BaseServerResponseException e) {
            int status = e.getStatusCode();
            if (status == 429) {
                throw new DeliveryFailure(Kind.RATE_LIMITED, "The EHR asked OpenVisit to slow down (HTTP 429) ("
                        + what + ").", retryAfter(e.getResponseHeaders()));
            }
            if (status >= 500 || status == 408) {
                throw new DeliveryFailure(Kind.ENDPOINT_DOWN, "The EHR answered HTTP " + status + " (" + what + ").");
            }
            if (status == 403) {
                throw new DeliveryFailure(Kind.PERMANENT, "The EHR refused OpenVisit's backend client (HTTP 403) ("
                        + what + "): check the scopes it may use: " + BackendServicesTokens.SCOPE + ".");
            }
            if (status == 404 || status == 410) {
                throw new DeliveryFailure(Kind.PERMANENT, "The EHR has no such record (HTTP " + status + ") (" + what
                        + ").");
            }
            throw new DeliveryFailure(Kind.PERMANENT, "The EHR did not accept the write (HTTP " + status + ") ("
                    + what + ").");
        }
    }

    /** The {@code Retry-After} header in seconds (a date form is not used by the EHRs we know; it is ignored). */
    static Duration retryAfter(Map<String, List<String>> headers) {
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
