package org.openvisit.writeback.infrastructure.epic;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.writeback.application.Delivery;
import org.openvisit.writeback.application.DeliveryFailure;
import org.openvisit.writeback.application.DeliveryFailure.Kind;
import org.openvisit.writeback.application.EhrWriteBack;
import org.openvisit.writeback.application.WriteBackSettings;
import org.openvisit.writeback.domain.model.WriteBackAdapter;
import org.openvisit.ehr.backend.BackendServicesTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * An Epic-style telehealth "set connection status" call:
 * {@code POST {interconnect}/api/epic/2019/Telehealth/External/SetConnectionStatus} with
 * {@code {ContactID, ContactIDType: "FHIR", EncounterID, Event, ParticipantRole, EventInstant, ExternalEventID}},
 * where the interconnect base is the FHIR base without its {@code /api/FHIR/R4} (or last {@code /fhir})
 * and ExternalEventID is OpenVisit's event id (the EHR ignores a repeat). Device test results are not
 * sent (the call has no such status). Only the EHR's own ids, never anything about the patient.
 */
@ApplicationScoped
public class EpicConnectionStatusWriteBack implements EhrWriteBack {

    static final String CALL = "/api/epic/2019/Telehealth/External/SetConnectionStatus";

    @Inject
    private BackendServicesTokens tokens;

    @Inject
    private OutboundAddressConfiguration addresses;

    @Inject
    private WriteBackSettings settings;

    private OutboundHttp addressCheck;
    private HttpClient client;

    @PostConstruct
    void init() {
        addressCheck = new OutboundHttp(addresses.policy());
        client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public WriteBackAdapter kind() {
        return WriteBackAdapter.EPIC_CONNECTION_STATUS;
    }

    /** The call's address for a FHIR base URL. */
    static URI callFor(String fhirBase) {
        String base = fhirBase.endsWith("/") ? fhirBase.substring(0, fhirBase.length() - 1) : fhirBase;
        if (base.toLowerCase(java.util.Locale.ROOT).endsWith("/api/fhir/r4")) {
            base = base.substring(0, base.length() - "/api/FHIR/R4".length());
        } else if (base.contains("/")) {
            base = base.substring(0, base.lastIndexOf('/'));
        }
        return URI.create(base + CALL);
    }

    static String status(VisitEventType type) {
        return switch (type) {
            case LOBBY_JOINED -> "Waiting";
            case ADMITTED -> "Admitted";
            case CONNECTED -> "Connected";
            case DISCONNECTED -> "Disconnected";
            case LEFT -> "Left";
            case REMOVED -> "Removed";
            case VISIT_ENDED -> "Ended";
            // a restart has no connection status of its own: the next connection's "Connected" says it
            case DEVICE_TEST, SMS_SENT, VISIT_RESTARTED -> null;
        };
    }

    @Override
    public void deliver(Delivery d) {
        String status = status(d.type());
        if (status == null) {
            return; // nothing to say in this call
        }
        URI uri = callFor(d.access().fhirBase());
        try {
            addressCheck.check(uri, "the EHR's connection status call");
        } catch (SmartSignInException e) {
            throw new DeliveryFailure(Kind.PERMANENT, e.getMessage());
        }
        String contact = d.context().appointment() == null ? null
                : d.context().appointment().substring(d.context().appointment().indexOf('/') + 1);
        if (contact == null) {
            throw new DeliveryFailure(Kind.PERMANENT, "The EHR gave no appointment for this visit; the connection "
                    + "status call needs one.");
        }
        JsonObjectBuilder body = Jsons.createObjectBuilder().add("ContactID", contact).add("ContactIDType", "FHIR")
                .add("Event", status).add("EventInstant", d.occurredAt().toString())
                .add("ExternalEventID", d.eventId().toString())
                .add("ParticipantRole", d.attendeeRole() == null ? "System" : d.attendeeRole().name());
        if (d.context().encounter() != null) {
            body.add("EncounterID", d.context().encounter().substring(d.context().encounter().indexOf('/') + 1));
        }
        Answer a = post(uri, body.build().toString(), tokens.accessToken(d.access()));
        if (a.status() == 401) {
            tokens.forget(d.access().endpointId());
            a = post(uri, body.build().toString(), tokens.accessToken(d.access()));
        }
        int answer = a.status();
        if (answer >= 200 && answer < 300) {
            return;
        }
        throw switch (answer) {
            case 429 -> new DeliveryFailure(Kind.RATE_LIMITED, "The EHR asked OpenVisit to slow down (HTTP 429).",
                    a.retryAfter());
            case 401 -> new DeliveryFailure(Kind.ENDPOINT_DOWN, "The EHR did not accept OpenVisit's access token (HTTP 401).");
            default -> answer >= 500 || answer == 408
                    ? new DeliveryFailure(Kind.ENDPOINT_DOWN, "The EHR's connection status call answered HTTP " + answer + ".")
                    : new DeliveryFailure(Kind.PERMANENT, "The EHR refused the connection status call (HTTP " + answer + ").");
        };
    }

    private record Answer(int status, Duration retryAfter) {
    }

    private Answer post(URI uri, String json, String token) {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding());
            Duration retryAfter = r.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Duration.ofSeconds(Long.parseLong(v.strip()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }).orElse(null);
            return new Answer(r.statusCode(), retryAfter);
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure(Kind.ENDPOINT_DOWN, "The EHR's connection status call did not answer within "
                    + settings.requestTimeout().toSeconds() + " s.");
        } catch (IOException e) {
            throw new DeliveryFailure(Kind.ENDPOINT_DOWN, "The EHR's connection status call could not be reached.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure(Kind.TRY_AGAIN, "OpenVisit was stopping.");
        }
    }
}
