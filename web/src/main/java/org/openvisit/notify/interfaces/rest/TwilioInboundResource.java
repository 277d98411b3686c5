package org.openvisit.notify.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.notify.application.SmsInboundService;
import org.openvisit.notify.infrastructure.carrier.SmsCarrierSelection;
import org.openvisit.notify.infrastructure.twilio.TwilioSignature;
import org.openvisit.notify.infrastructure.twilio.TwilioSmsCarrier;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.logging.Logger;

/**
 * Twilio's incoming-message webhook (the {@code SmsUrl} of the numbers the Twilio-compatible carrier bought): open
 * without sign-in, {@code X-Twilio-Signature} is the check (against the configured inbound URL). STOP, START and HELP
 * and their synonyms go the way of every inbound message ({@link SmsInboundService}); the answer is an empty TwiML
 * {@code <Response/>} (OpenVisit replies through the API, when Twilio lets it). 403 for a bad or missing signature,
 * 404 while the configured carrier is not Twilio. The sender's number is neither logged nor kept (only its keyed hash
 * on the opt-out list).
 */
@Path("feeds/twilio/inbound")
@RequestScoped
@SecurityRequirementsSet // open: no account (the call checks its own signature or secret, or needs none)
@Tag(name = ApiTags.SMS)
public class TwilioInboundResource {

    private static final Logger LOG = Logger.getLogger(TwilioInboundResource.class.getName());
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @Inject
    private SmsCarrierSelection selection;

    @Inject
    private Instance<TwilioSmsCarrier> twilio;

    @EJB
    private SmsInboundService inbound;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_XML)
    @Operation(operationId = "receiveTwilioInboundMessage",
            summary = "Twilio's incoming message (form: From, To, Body, …), signed with X-Twilio-Signature; "
            + "STOP, START and HELP are honoured")
    public Response receive(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form) {
        if (!selection.twilio()) {
            return Response.status(404).build();
        }
        TwilioSmsCarrier carrier = twilio.get();
        if (!TwilioSignature.valid(carrier.authToken(), carrier.inboundUrl(), form, signature)) {
            LOG.warning("Twilio inbound message refused: bad or missing X-Twilio-Signature");
            return Response.status(403).build();
        }
        try {
            inbound.fromCarrier(form.getFirst("From"), form.getFirst("To"), form.getFirst("Body"));
        } catch (InvalidValueException e) {
            LOG.fine("Twilio inbound message from a number that is no valid mobile number: ignored");
        }
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML).build();
    }
}
