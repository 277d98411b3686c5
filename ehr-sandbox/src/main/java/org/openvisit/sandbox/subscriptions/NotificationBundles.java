package org.openvisit.sandbox.subscriptions;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The notification Bundles of the Backport IG's R4 shape: a {@code history} Bundle whose first entry is the
 * SubscriptionStatus ({@code Parameters} with {@code subscription}, {@code topic}, {@code status}, {@code type},
 * {@code events-since-subscription-start} and, for an event, {@code notification-event} with {@code event-number},
 * {@code timestamp} and {@code focus}); an id-only event adds an entry with the focus's full URL only.
 */
final class NotificationBundles {

    static final String STATUS_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";
    static final String NOTIFICATION_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-notification-r4";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private NotificationBundles() {
    }

    /** A handshake, heartbeat (no event) or event notification (with {@code eventNumber} and its focus). */
    static String json(String base, SandboxSubscription s, String type, long eventsSinceStart, Long eventNumber,
                       String focusType, String focusId, Instant at) {
        Parameters status = new Parameters();
        status.setId(UUID.randomUUID().toString());
        status.getMeta().addProfile(STATUS_PROFILE);
        status.addParameter().setName("subscription").setValue(new Reference(base + "/Subscription/" + s.id()));
        status.addParameter().setName("topic").setValue(new CanonicalType(s.topic()));
        status.addParameter().setName("status").setValue(new CodeType(s.status()));
        status.addParameter().setName("type").setValue(new CodeType(type));
        status.addParameter().setName("events-since-subscription-start")
                .setValue(new StringType(Long.toString(eventsSinceStart)));
        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().addProfile(NOTIFICATION_PROFILE);
        bundle.setType(Bundle.BundleType.HISTORY);
        bundle.setTimestamp(Date.from(at));
        bundle.addEntry().setFullUrl("urn:uuid:" + status.getId()).setResource(status)
                .getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(base + "/Subscription/" + s.id() + "/$status");
        bundle.getEntryFirstRep().getResponse().setStatus("200");
        if (eventNumber != null) {
            String focus = base + "/" + focusType + "/" + focusId;
            Parameters.ParametersParameterComponent event = status.addParameter().setName("notification-event");
            event.addPart().setName("event-number").setValue(new StringType(Long.toString(eventNumber)));
            event.addPart().setName("timestamp").setValue(new InstantType(Date.from(at)));
            event.addPart().setName("focus").setValue(new Reference(focus));
            Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(focus);
            entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(focusType + "/" + focusId);
            entry.getResponse().setStatus("200");
        }
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }
}
