package org.openvisit.writeback.infrastructure.fhir;

import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.ehr.backend.BackendServicesTokens;
import org.openvisit.ehr.fhir.FhirClientLimits;
import org.openvisit.ehr.fhir.FhirClients;
import org.openvisit.ehr.fhir.OutboundAddressRefusedException;
import org.openvisit.writeback.application.Delivery;
import org.openvisit.writeback.application.DeliveryFailure;
import org.openvisit.writeback.application.DeliveryFailure.Kind;
import org.openvisit.writeback.application.EhrWriteBack;
import org.openvisit.writeback.application.WriteBackSettings;
import org.openvisit.writeback.domain.model.WriteBackAdapter;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The default adapter: FHIR R4 through a HAPI generic client from {@link FhirClients}.
 * <ol>
 * <li>A connection and the visit's end move the Encounter (see {@link RecordChanges}: in-progress and finished,
 *     {@code period} = the real call); when the EHR gave no Encounter, the patient's arrival and the end move the
 *     Appointment (arrived, fulfilled). The record is read, changed only forward, and written with
 *     {@code If-Match} on the version read; a version conflict ({@code 412}, or {@code 409} as servers such as
 *     HAPI's answer it; FHIR R4 allows both) means someone changed it meanwhile: it is read again and the change
 *     applied again (at most {@value #MAX_CONFLICTS} times, then the delivery is retried later).</li>
 * <li>Every event becomes a Communication whose identifier is the event's id in OpenVisit's system
 *     {@value #EVENT_SYSTEM}, created with {@code If-None-Exist: identifier=...} on it: a replay finds the first
 *     one. It points at the Encounter ({@code encounter}) and at the Appointment ({@code basedOn}), both search
 *     parameters of Communication in R4 ({@code about} is not), and says when with milliseconds.</li>
 * </ol>
 * Only the references the EHR gave are sent (Encounter, Appointment); nothing about the patient. The log says
 * which event, endpoint and resource type met a conflict, never a reference, token or body.
 */
@ApplicationScoped
public class HapiFhirWriteBack implements EhrWriteBack {

    public static final String EVENT_SYSTEM = "urn:openvisit:visit-event";
    public static final String CATEGORY_SYSTEM = "urn:openvisit:writeback";
    public static final String CATEGORY_CODE = "virtual-visit-event";
    static final int MAX_CONFLICTS = 3;

    private static final Logger LOG = Logger.getLogger(HapiFhirWriteBack.class.getName());

    @Inject
    private FhirClients fhir;

    @Inject
    private BackendServicesTokens tokens;

    @Inject
    private WriteBackSettings settings;

    @Override
    public WriteBackAdapter kind() {
        return WriteBackAdapter.FHIR;
    }

    @Override
    public void deliver(Delivery d) {
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
        try {
            return fhir.backendClient(d.access(), limits());
        } catch (SmartSignInException refused) {
            throw new DeliveryFailure(Kind.PERMANENT, refused.getMessage());
        }
    }

    /** The write-back's timeouts, and a pool as large as the relay's deliveries at once (each one call at a time). */
    private FhirClientLimits limits() {
        return new FhirClientLimits(settings.connectTimeout(), settings.requestTimeout(),
                settings.parallelism() * 2 + 4, settings.parallelism() + 2);
    }

    private void write(Delivery d, IGenericClient client) {
        String encounter = d.context().encounter();
        String appointment = d.context().appointment();
        if (encounter != null && RecordChanges.touchesEncounter(d.type())) {
            update(client, d, Encounter.class, encounter, e -> RecordChanges.apply(e, d.type(), d.call()));
        } else if (encounter == null && appointment != null
                && RecordChanges.touchesAppointment(d.type(), d.attendeeRole())) {
            update(client, d, Appointment.class, appointment,
                    a -> RecordChanges.apply(a, d.type(), d.attendeeRole(), d.call()));
        }
        record(client, d);
    }

    /** Read, change, write with If-Match; on a version conflict (412 or 409) read again. */
    private <T extends DomainResource> void update(IGenericClient client, Delivery d, Class<T> type, String reference,
                                                   Function<T, Boolean> change) {
        String kind = type.getSimpleName();
        for (int conflict = 1; ; conflict++) {
            T resource = call(() -> client.read().resource(type).withUrl(reference).execute(), "read the " + kind, false);
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
                call(u::execute, "update the " + kind, true);
                return;
            } catch (PreconditionFailedException | ResourceVersionConflictException changedMeanwhile) {
                int status = changedMeanwhile.getStatusCode();
                int n = conflict;
                if (conflict >= MAX_CONFLICTS) {
                    LOG.info(() -> "Write-back of event " + d.eventId() + " to endpoint " + d.access().endpointId()
                            + ": the visit's " + kind + " kept changing at the EHR (HTTP " + status + ", version "
                            + "conflict, " + n + " times); the delivery is tried again later.");
                    throw new DeliveryFailure(Kind.TRY_AGAIN, "The EHR's " + kind + " kept changing while OpenVisit "
                            + "updated it (HTTP " + status + " version conflict, " + MAX_CONFLICTS + " times).");
                }
                LOG.info(() -> "Write-back of event " + d.eventId() + " to endpoint " + d.access().endpointId()
                        + ": the EHR answered HTTP " + status + " (version conflict) to the update of the visit's "
                        + kind + ", changed by someone else meanwhile; reading it again (conflict " + n + " of at most "
                        + MAX_CONFLICTS + ").");
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
            c.addBasedOn(new Reference(d.context().appointment()));
        }
        c.setSentElement(FhirTimes.of(d.occurredAt()));
        c.addPayload().setContent(new StringType(EventText.of(d.type(), d.attendeeRole(), d.sequence())));
        call(() -> client.create().resource(c).conditional()
                .where(Communication.IDENTIFIER.exactly().systemAndIdentifier(EVENT_SYSTEM, d.eventId().toString()))
                .prefer(PreferReturnEnum.MINIMAL) // the EHR need not send it back: less work on both sides
                .execute(), "record the event as a Communication", false);
    }

    private interface Call<T> {
        T run();
    }

    /**
     * Runs one HTTP interaction and says in plain words what failed. 401 passes through (a new token is tried),
     * and so do version conflicts (412, 409) when {@code conflictsPassOn} (the update reads again).
     */
    private <T> T call(Call<T> call, String what, boolean conflictsPassOn) {
        try {
            return call.run();
        } catch (AuthenticationException passOn) {
            throw passOn;
        } catch (PreconditionFailedException | ResourceVersionConflictException conflict) {
            if (conflictsPassOn) {
                throw conflict;
            }
            if (conflict.getStatusCode() == 409) {
                throw new DeliveryFailure(Kind.TRY_AGAIN, "The EHR reported a conflict with a concurrent change "
                        + "(HTTP 409) (" + what + ").");
            }
            throw new DeliveryFailure(Kind.PERMANENT, "The EHR's condition failed (HTTP 412) (" + what + "): more "
                    + "than one record may carry this event's identifier.");
        } catch (FhirClientConnectionException e) {
            OutboundAddressRefusedException refused = refusedAddress(e);
            if (refused != null) {
                throw new DeliveryFailure(Kind.PERMANENT, refused.getMessage());
            }
            throw new DeliveryFailure(Kind.ENDPOINT_DOWN, "The EHR could not be reached or did not answer within "
                    + settings.requestTimeout().toMillis() / 1000.0 + " s (" + what + ").");
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

    private static OutboundAddressRefusedException refusedAddress(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutboundAddressRefusedException refused) {
                return refused;
            }
        }
        return null;
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
