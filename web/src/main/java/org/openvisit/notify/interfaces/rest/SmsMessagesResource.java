package org.openvisit.notify.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.notify.application.InboundView;
import org.openvisit.notify.application.OutboxView;
import org.openvisit.notify.application.SmsFeedSetupService;
import org.openvisit.notify.application.SmsInboundService;
import org.openvisit.notify.domain.model.DeliveryGroup;
import org.openvisit.notify.domain.model.FeedRefusalCount;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.List;

/**
 * The built-in carrier's messages: its outbox (what was "sent", numbers masked), and its inbound webhook, where an
 * administrator or operator hands over a patient's answer (STOP, START, HELP and their synonyms).
 */
@Path("organizations/{organizationId}/sms/messages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.SMS)
public class SmsMessagesResource {

    @EJB
    private SmsFeedSetupService setup;

    @EJB
    private SmsInboundService inbound;

    @Inject
    private ApiCaller caller;

    /** The body of POST inbound: the patient's number, the organization's number, the text. */
    public record InboundBody(String from, String to, String text) {
    }

    @GET
    @Operation(summary = "The built-in carrier's outbox of the organization, newest first (numbers masked); "
            + "status BUILTIN, WAITING, DELIVERED, NOT_DELIVERED or OTHER keeps only the messages in that delivery "
            + "state")
    public List<OutboxView> outbox(@PathParam("organizationId") String organizationId,
                                   @QueryParam("max") @DefaultValue("100") int max,
                                   @QueryParam("status") String status) {
        return setup.outbox(caller.actor(), SmsPathIds.organization(organizationId),
                group(status), max);
    }

    @GET
    @Path("feed-refusals")
    @Operation(summary = "How many messages each endpoint's appointment feed refused, per reason, and when last "
            + "(counted in the database: the same on every node and after restarts)")
    public List<FeedRefusalCount> refusals(@PathParam("organizationId") String organizationId) {
        return setup.refusals(caller.actor(), SmsPathIds.organization(organizationId));
    }

    private static DeliveryGroup group(String status) {
        if (status == null || status.isBlank() || "ALL".equalsIgnoreCase(status.strip())) {
            return null;
        }
        try {
            return DeliveryGroup.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("status", "The status is one of BUILTIN, WAITING, DELIVERED, "
                    + "NOT_DELIVERED, OTHER or ALL.").worded("sms.outbox.status");
        }
    }

    @POST
    @Path("inbound")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An inbound message to one of the organization's numbers (the built-in carrier's webhook): "
            + "STOP opts the sender out, START in again, HELP gets the help text")
    public InboundView inbound(@PathParam("organizationId") String organizationId, InboundBody body) {
        var organization = SmsPathIds.organization(organizationId);
        return inbound.inbound(caller.actor(), organization, body == null ? null : body.from(),
                body == null ? null : body.to(), body == null ? null : body.text());
    }
}
