package org.openvisit.notify.infrastructure.fhir;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.openvisit.notify.application.EhrSubscriptions;
import org.openvisit.notify.application.SubscriptionNotOfferedException;
import org.openvisit.writeback.application.EndpointAccess;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a rest-hook Subscription at the EHR in the R4 shape of the Subscriptions Backport IG (STU 1.1):
 * {@code criteria} is the topic's canonical URL, {@code channel.type} {@code rest-hook} to OpenVisit's receiver,
 * {@code channel.payload} {@code application/fhir+json} with {@code backport-payload-content} {@code id-only} (no
 * patient data travels in a notification), {@code channel.header} the secret header, and
 * {@code backport-heartbeat-period} and {@code backport-timeout} on the channel. Calls through {@link EhrFeedCalls}
 * with the scopes {@value #SCOPE}. An EHR that answers the create with 400, 404, 405, 422 or 501 does not offer it.
 */
@ApplicationScoped
public class HapiFhirSubscriptions implements EhrSubscriptions {

    public static final String SCOPE = "system/Subscription.crud";
    static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    static final String PROFILE = BACKPORT + "backport-subscription";
    static final String PAYLOAD_CONTENT = BACKPORT + "backport-payload-content";
    static final String HEARTBEAT = BACKPORT + "backport-heartbeat-period";
    static final String TIMEOUT = BACKPORT + "backport-timeout";
    private static final Set<Integer> NOT_OFFERED = Set.of(400, 404, 405, 422, 501);

    @Inject
    private EhrFeedCalls calls;

    @Override
    public Remote create(EndpointAccess access, Request request) {
        Subscription subscription = shape(request);
        return calls.call(access, SCOPE, "making the appointment Subscription", client -> {
            try {
                MethodOutcome made = client.create().resource(subscription).execute();
                String id = made.getId() == null ? null : made.getId().getIdPart();
                if (id == null && made.getResource() != null) {
                    id = made.getResource().getIdElement().getIdPart();
                }
                if (id == null) {
                    throw new SubscriptionNotOfferedException("The EHR took the Subscription but did not say its id.");
                }
                Subscription answered = made.getResource() instanceof Subscription s ? s : subscription;
                return remote(id, answered);
            } catch (BaseServerResponseException e) {
                if (NOT_OFFERED.contains(e.getStatusCode())) {
                    throw new SubscriptionNotOfferedException("The EHR did not make the Subscription (HTTP "
                            + e.getStatusCode() + "): it offers no rest-hook Subscriptions, or not of this topic.");
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Remote> read(EndpointAccess access, String id) {
        return calls.call(access, SCOPE, "reading the appointment Subscription", client -> {
            try {
                Subscription s = client.read().resource(Subscription.class).withId(id).execute();
                return Optional.of(remote(id, s));
            } catch (ResourceNotFoundException | ResourceGoneException gone) {
                return Optional.<Remote>empty();
            }
        });
    }

    @Override
    public Optional<Remote> renew(EndpointAccess access, String id, Instant end) {
        return calls.call(access, SCOPE, "renewing the appointment Subscription", client -> {
            try {
                Subscription s = client.read().resource(Subscription.class).withId(id).execute();
                s.setEnd(Date.from(end));
                client.update().resource(s).withId(new IdType("Subscription", id)).execute();
                return Optional.of(remote(id, s));
            } catch (ResourceNotFoundException | ResourceGoneException gone) {
                return Optional.<Remote>empty();
            }
        });
    }

    @Override
    public void delete(EndpointAccess access, String id) {
        calls.call(access, SCOPE, "removing an old appointment Subscription", client -> {
            try {
                client.delete().resourceById(new IdType("Subscription", id)).execute();
            } catch (ResourceNotFoundException | ResourceGoneException gone) {
                // gone already
            }
            return null;
        });
    }

    /** The Subscription resource asked for (package-visible for tests). */
    static Subscription shape(Request request) {
        Subscription s = new Subscription();
        s.getMeta().addProfile(PROFILE);
        s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        s.setReason("OpenVisit: SMS confirmations and reminders of virtual visits");
        s.setCriteria(request.topic());
        s.setEnd(Date.from(request.end()));
        Subscription.SubscriptionChannelComponent channel = s.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
        channel.setEndpoint(request.endpointUrl());
        channel.setPayload("application/fhir+json");
        channel.getPayloadElement().addExtension(PAYLOAD_CONTENT, new CodeType("id-only"));
        channel.addHeader(request.headerName() + ": " + request.secret());
        channel.addExtension(HEARTBEAT, new UnsignedIntType(request.heartbeatSeconds()));
        channel.addExtension(TIMEOUT, new UnsignedIntType(30));
        return s;
    }

    private static Remote remote(String id, Subscription s) {
        return new Remote(id, s.getStatus() == null ? "requested" : s.getStatus().toCode(),
                Optional.ofNullable(s.getEnd()).map(Date::toInstant));
    }
}
