package org.openvisit.sandbox.subscriptions;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * {@code Subscription} create, read, update (its end) and delete, in the Backport IG's R4 shape: {@code criteria} is
 * the topic ({@value SandboxSubscriptions#APPOINTMENT_TOPIC} only), {@code channel.type} {@code rest-hook} to an
 * http(s) endpoint, payload {@code application/fhir+json} with {@code backport-payload-content} {@code id-only} (or
 * none); {@code channel.header}s are sent with each notification (and never shown again);
 * {@code backport-heartbeat-period} is honoured (at least 10 s). Anything else is refused with 422. When the sandbox
 * offers no Subscriptions (the admin switch), every call answers 404 as for an unknown resource type.
 */
public class SubscriptionProvider implements IResourceProvider {

    static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    private final SandboxSubscriptions subscriptions;

    public SubscriptionProvider(SandboxSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public Class<Subscription> getResourceType() {
        return Subscription.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Subscription resource, RequestDetails request) {
        offered();
        if (!SandboxSubscriptions.APPOINTMENT_TOPIC.equals(resource.getCriteria())) {
            throw new UnprocessableEntityException("This EHR has one SubscriptionTopic: "
                    + SandboxSubscriptions.APPOINTMENT_TOPIC);
        }
        Subscription.SubscriptionChannelComponent channel = resource.getChannel();
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw new UnprocessableEntityException("Only rest-hook channels are offered.");
        }
        String endpoint = channel.getEndpoint();
        if (endpoint == null || !(endpoint.startsWith("https://") || endpoint.startsWith("http://"))) {
            throw new UnprocessableEntityException("The rest-hook endpoint must be an http(s) URL.");
        }
        Extension content = channel.getPayloadElement().getExtensionByUrl(BACKPORT + "backport-payload-content");
        if (content != null && !"id-only".equals(content.getValue().primitiveValue())
                && !"empty".equals(content.getValue().primitiveValue())) {
            throw new UnprocessableEntityException("Only id-only and empty payloads are offered.");
        }
        Extension heartbeat = channel.getExtensionByUrl(BACKPORT + "backport-heartbeat-period");
        int seconds = heartbeat == null ? 0 : Math.max(10, Integer.parseInt(heartbeat.getValue().primitiveValue()));
        Instant end = resource.getEnd() == null ? Instant.now().plus(Duration.ofDays(7)) : resource.getEnd().toInstant();
        List<String> headers = channel.getHeader().stream().map(StringType::getValue).toList();
        SandboxSubscription made = subscriptions.create(request.getFhirServerBase(), resource.getCriteria(), endpoint,
                headers, seconds, end);
        return new MethodOutcome(new IdType("Subscription", made.id()), true).setResource(shape(made));
    }

    @Read
    public Subscription read(@IdParam IdType id) {
        offered();
        return subscriptions.find(id.getIdPart()).map(SubscriptionProvider::shape)
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Subscription resource) {
        offered();
        Instant end = resource.getEnd() == null ? Instant.now().plus(Duration.ofDays(7)) : resource.getEnd().toInstant();
        SandboxSubscription renewed = subscriptions.renew(id.getIdPart(), end)
                .orElseThrow(() -> new ResourceNotFoundException(id));
        return new MethodOutcome(new IdType("Subscription", renewed.id()), false).setResource(shape(renewed));
    }

    @Delete
    public void delete(@IdParam IdType id) {
        offered();
        if (!subscriptions.delete(id.getIdPart())) {
            throw new ResourceNotFoundException(id);
        }
    }

    private void offered() {
        if (!subscriptions.offered()) {
            throw new ResourceNotFoundException("Unknown resource type 'Subscription': this EHR offers no "
                    + "Subscriptions.");
        }
    }

    /** The Subscription as the sandbox shows it (without its headers: they carry the subscriber's secret). */
    static Subscription shape(SandboxSubscription s) {
        Subscription r = new Subscription();
        r.setId(new IdType("Subscription", s.id()));
        r.getMeta().addProfile(BACKPORT + "backport-subscription");
        r.setStatus(Subscription.SubscriptionStatus.fromCode(s.status()));
        r.setReason("Appointments");
        r.setCriteria(s.topic());
        r.setEnd(Date.from(s.end()));
        r.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(s.endpoint())
                .setPayload("application/fhir+json");
        r.getChannel().getPayloadElement().addExtension(BACKPORT + "backport-payload-content",
                new org.hl7.fhir.r4.model.CodeType("id-only"));
        if (s.heartbeatSeconds() > 0) {
            r.getChannel().addExtension(BACKPORT + "backport-heartbeat-period", new UnsignedIntType(s.heartbeatSeconds()));
        }
        return r;
    }
}
