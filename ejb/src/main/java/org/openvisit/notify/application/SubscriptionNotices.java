package org.openvisit.notify.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a rest-hook notification body (Subscriptions Backport IG STU 1.1, R4 shape): a JSON Bundle of type
 * {@code history} whose first entry is a {@code Parameters} SubscriptionStatus ({@code subscription}, {@code status},
 * {@code type}, {@code events-since-subscription-start}, and per event {@code notification-event} with
 * {@code event-number} and {@code focus}). Only the focus references to {@code Appointment} are kept, by id (a
 * relative reference, one with a version, or an absolute URL on the endpoint's FHIR base; one on another server is
 * left out); nothing else of the payload is read. Everything else is refused with a {@link NoticeRefusal} in words.
 * No logging: a notification could carry patient data in a full-resource payload.
 */
public final class SubscriptionNotices {

    /** The largest body taken (an id-only notification of many events is a few kB). */
    public static final int MAX_BYTES = 256 * 1024;
    /** The most events one notification may carry. */
    public static final int MAX_EVENTS = 500;

    private SubscriptionNotices() {
    }

    /**
     * @param fhir     the application's FHIR context
     * @param fhirBase the endpoint's FHIR base (absolute focus references must be on it)
     * @throws NoticeRefusal the body is not a notification OpenVisit takes
     */
    public static SubscriptionNotice read(FhirContext fhir, byte[] body, String fhirBase) {
        if (body == null || body.length == 0) {
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_FHIR, "The notification has no body.");
        }
        if (body.length > MAX_BYTES) {
            throw new NoticeRefusal(NoticeRefusal.Reason.TOO_LARGE, "The notification is larger than " + MAX_BYTES
                    + " bytes; OpenVisit asks for id-only payloads.");
        }
        IBaseResource resource;
        try {
            IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
            resource = parser.parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_FHIR, "The notification is not a FHIR resource in JSON.");
        } catch (RuntimeException e) { // a hostile body may trip the parser in ways it does not declare
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_FHIR, "The notification could not be read as FHIR JSON.");
        }
        if (!(resource instanceof Bundle bundle)) {
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_FHIR, "The notification is a " + resource.fhirType()
                    + ", not a Bundle.");
        }
        if (bundle.getType() != Bundle.BundleType.HISTORY) {
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_A_NOTIFICATION, "A notification is a Bundle of type "
                    + "history; this one is " + (bundle.getType() == null ? "of no type" : bundle.getType().toCode())
                    + ".");
        }
        if (bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof Parameters status)) {
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_A_NOTIFICATION, "The first entry of a notification "
                    + "Bundle must be the SubscriptionStatus (a Parameters resource).");
        }
        return status(status, fhirBase);
    }

    private static SubscriptionNotice status(Parameters status, String fhirBase) {
        String typeCode = primitive(status, "type");
        SubscriptionNotice.Kind kind = SubscriptionNotice.Kind.of(typeCode).orElseThrow(() -> new NoticeRefusal(
                NoticeRefusal.Reason.NOT_A_NOTIFICATION, "The SubscriptionStatus has no known type (handshake, "
                + "heartbeat, event-notification, query-status or query-event)."));
        String state = primitive(status, "status");
        if (state == null || state.isBlank()) {
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_A_NOTIFICATION, "The SubscriptionStatus has no status.");
        }
        Optional<String> subscriptionId = Optional.ofNullable(status.getParameter("subscription"))
                .map(Parameters.ParametersParameterComponent::getValue)
                .filter(Reference.class::isInstance).map(v -> ((Reference) v).getReference())
                .filter(r -> r != null && !r.isBlank()).map(r -> new IdType(r).getIdPart());
        long since = number(primitive(status, "events-since-subscription-start"), "events-since-subscription-start",
                0);
        List<Long> numbers = new ArrayList<>();
        Set<String> appointments = new LinkedHashSet<>();
        List<Parameters.ParametersParameterComponent> events = status.getParameter().stream()
                .filter(p -> "notification-event".equals(p.getName())).toList();
        if (events.size() > MAX_EVENTS) {
            throw new NoticeRefusal(NoticeRefusal.Reason.TOO_LARGE, "The notification carries " + events.size()
                    + " events; OpenVisit takes at most " + MAX_EVENTS + " in one.");
        }
        for (Parameters.ParametersParameterComponent event : events) {
            String number = null;
            for (Parameters.ParametersParameterComponent part : event.getPart()) {
                if ("event-number".equals(part.getName()) && part.getValue() != null) {
                    number = part.getValue().primitiveValue();
                } else if ("focus".equals(part.getName()) && part.getValue() instanceof Reference focus) {
                    appointmentId(focus.getReference(), fhirBase).ifPresent(appointments::add);
                }
            }
            if (number == null) {
                throw new NoticeRefusal(NoticeRefusal.Reason.NOT_A_NOTIFICATION, "A notification-event has no "
                        + "event-number.");
            }
            numbers.add(number(number, "event-number", 1));
        }
        return new SubscriptionNotice(kind, state, subscriptionId, since, List.copyOf(numbers),
                List.copyOf(appointments));
    }

    private static String primitive(Parameters parameters, String name) {
        Parameters.ParametersParameterComponent p = parameters.getParameter(name);
        Type value = p == null ? null : p.getValue();
        return value == null || !value.isPrimitive() ? null : value.primitiveValue();
    }

    /** A whole number of at least {@code min}, as the backport writes it (a string, R4 has no 64-bit integer). */
    private static long number(String text, String what, long min) {
        if (text == null) {
            if (min == 0) {
                return 0;
            }
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_A_NOTIFICATION, "The " + what + " is missing.");
        }
        try {
            long n = Long.parseLong(text.strip());
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_A_NOTIFICATION, "The " + what + " is not a whole "
                    + "number of at least " + min + ".");
        }
    }

    /**
     * The Appointment id a focus reference names: {@code Appointment/1}, {@code Appointment/1/_history/2}, or the
     * same as an absolute URL on the endpoint's base; empty for another type, another server or a malformed id.
     */
    static Optional<String> appointmentId(String reference, String fhirBase) {
        if (reference == null || reference.isBlank() || reference.length() > 2000) {
            return Optional.empty();
        }
        String ref = reference.strip();
        if (ref.startsWith("http://") || ref.startsWith("https://")) {
            String base = fhirBase.endsWith("/") ? fhirBase : fhirBase + "/";
            if (!ref.startsWith(base)) {
                return Optional.empty();
            }
            ref = ref.substring(base.length());
        }
        String[] parts = ref.split("/");
        if (parts.length != 2 && !(parts.length == 4 && "_history".equals(parts[2]))) {
            return Optional.empty();
        }
        if (!"Appointment".equals(parts[0]) || !parts[1].matches("[A-Za-z0-9\\-.]{1,64}")) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }
}
