package org.openvisit.notify.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.notify.application.SmsDeliveryService;
import org.openvisit.notify.infrastructure.carrier.SmsCarrierSelection;
import org.openvisit.notify.infrastructure.twilio.TwilioStatusCallback;
import org.openvisit.notify.infrastructure.twilio.TwilioSmsCarrier;

import java.util.logging.Logger;

/**
 * Twilio's message status callback ({@code StatusCallback} of every message the Twilio-compatible carrier sends):
 * open without sign-in, {@code X-Twilio-Signature} is the check (HMAC-SHA1 under the auth token of the configured
 * callback URL and the sorted form parameters). The status ({@code MessageStatus}) lands on the outbox row of
 * {@code MessageSid}. 204 when checked (also for a message OpenVisit does not know), 403 for a bad or missing
 * signature, 404 while the configured carrier is not Twilio. The form's numbers (To, From) are neither logged nor kept.
 */
@Path("feeds/twilio/status")
@RequestScoped
@SecurityRequirementsSet // open: no account (the call checks its own signature or secret, or needs none)
@Tag(name = ApiTags.SMS)
public class TwilioStatusResource {

    private static final Logger LOG = Logger.getLogger(TwilioStatusResource.class.getName());

    @Inject
    private SmsCarrierSelection selection;

    @Inject
    private jakarta.enterprise.inject.Instance<TwilioSmsCarrier> twilio;

    @EJB
    private SmsDeliveryService deliveries;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Twilio's delivery status callback of a message (form: MessageSid, MessageStatus, …), "
            + "signed with X-Twilio-Signature")
    public Response status(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form) {
        if (!selection.twilio()) {
            return Response.status(404).build();
        }
        TwilioSmsCarrier carrier = twilio.get();
        TwilioStatusCallback.Outcome outcome = TwilioStatusCallback.handle(carrier.authToken(),
                carrier.statusCallbackUrl(), form, signature, deliveries::record);
        if (outcome == TwilioStatusCallback.Outcome.BAD_SIGNATURE) {
            LOG.warning("Twilio status callback refused: bad or missing X-Twilio-Signature");
            return Response.status(403).build();
        }
        if (outcome == TwilioStatusCallback.Outcome.UNKNOWN_MESSAGE) {
            LOG.fine("Twilio status callback for a message OpenVisit does not know, or an unknown status");
        }
        return Response.noContent().build();
    }
}
