package org.openvisit.notify.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.notify.application.SmsNumberView;
import org.openvisit.notify.application.SmsSetupService;
import org.openvisit.notify.application.SmsSetupView;
import org.openvisit.notify.domain.model.ConsentKind;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.Locale;
import java.util.UUID;

/**
 * An organization's SMS setup, as on its SMS page: the two consents (vendor-sends, patients-consented), the sending
 * numbers (ask for one: 202 and the provisioning runs in the background; poll the number until it is ACTIVE or
 * FAILED; retry; release) and the FHIR endpoints each serves. Its administrators change it; operators may read it.
 */
@Path("organizations/{organizationId}/sms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.SMS)
public class SmsSetupResource {

    @EJB
    private SmsSetupService sms;

    @Inject
    private ApiCaller caller;

    /** The body of POST numbers: country (ISO 3166 alpha-2, default US) and an optional area code. */
    public record NumberRequestBody(String country, String areaCode) {
    }

    @GET
    @Operation(operationId = "readSmsSetup",
            summary = "The organization's SMS setup: both consents (who, when), their history, and its numbers")
    public SmsSetupView read(@PathParam("organizationId") String organizationId) {
        return sms.view(caller.actor(), SmsPathIds.organization(organizationId));
    }

    @PUT
    @Path("consents/{consent}")
    @Operation(summary = "Give a consent: vendor-sends (OpenVisit may send SMS for the organization) or "
            + "patients-consented (the organization ensures its patients agreed)")
    public SmsSetupView grant(@PathParam("organizationId") String organizationId,
                              @PathParam("consent") String consent) {
        UUID organization = SmsPathIds.organization(organizationId);
        return sms.grant(caller.actor(), organization, consent(consent));
    }

    @DELETE
    @Path("consents/{consent}")
    @Operation(operationId = "withdrawSmsConsent",
            summary = "Withdraw a consent: no number can be asked for or retried, and nothing is sent, until it is "
            + "given again")
    public SmsSetupView withdraw(@PathParam("organizationId") String organizationId,
                                 @PathParam("consent") String consent) {
        UUID organization = SmsPathIds.organization(organizationId);
        return sms.withdraw(caller.actor(), organization, consent(consent));
    }

    @POST
    @Path("numbers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a new phone number (both consents needed): answered 202 with the number REQUESTED; "
            + "the carrier's provisioning runs in the background",
            description = "Body: {country: US, areaCode: 202} (both optional). Poll GET numbers/{numberId} until its "
                    + "status is ACTIVE or FAILED (then failure says why).")
    public Response requestNumber(@PathParam("organizationId") String organizationId, NumberRequestBody body) {
        UUID organization = SmsPathIds.organization(organizationId);
        SmsNumberView number = sms.requestNumber(caller.actor(), organization, body == null ? null : body.country(),
                body == null ? null : body.areaCode());
        return Response.accepted(number).build();
    }

    @GET
    @Path("numbers/{numberId}")
    @Operation(summary = "One number: its status (REQUESTED, IN_PROGRESS, ACTIVE, FAILED, RELEASED), the number once "
            + "given, why provisioning failed, the endpoints it serves")
    public SmsNumberView number(@PathParam("organizationId") String organizationId,
                                @PathParam("numberId") String numberId) {
        UUID organization = SmsPathIds.organization(organizationId);
        return sms.number(caller.actor(), organization, SmsPathIds.number(numberId));
    }

    @POST
    @Path("numbers/{numberId}/retry")
    @Operation(operationId = "retrySmsNumber",
            summary = "Ask again for a number whose provisioning FAILED (both consents needed)")
    public Response retry(@PathParam("organizationId") String organizationId, @PathParam("numberId") String numberId) {
        UUID organization = SmsPathIds.organization(organizationId);
        return Response.accepted(sms.retry(caller.actor(), organization, SmsPathIds.number(numberId))).build();
    }

    @POST
    @Path("numbers/{numberId}/release")
    @Operation(summary = "Release an ACTIVE number (or abandon a FAILED request): it serves no endpoint any more")
    public SmsNumberView release(@PathParam("organizationId") String organizationId,
                                 @PathParam("numberId") String numberId) {
        UUID organization = SmsPathIds.organization(organizationId);
        return sms.release(caller.actor(), organization, SmsPathIds.number(numberId));
    }

    @PUT
    @Path("numbers/{numberId}/endpoints/{endpointId}")
    @Operation(summary = "Let an ACTIVE number serve one of the organization's FHIR endpoints")
    public SmsNumberView link(@PathParam("organizationId") String organizationId,
                              @PathParam("numberId") String numberId, @PathParam("endpointId") String endpointId) {
        UUID organization = SmsPathIds.organization(organizationId);
        return sms.link(caller.actor(), organization, SmsPathIds.number(numberId), SmsPathIds.endpoint(endpointId));
    }

    @DELETE
    @Path("numbers/{numberId}/endpoints/{endpointId}")
    @Operation(operationId = "unlinkSmsNumber",
            summary = "Take an endpoint off the number")
    public SmsNumberView unlink(@PathParam("organizationId") String organizationId,
                                @PathParam("numberId") String numberId, @PathParam("endpointId") String endpointId) {
        UUID organization = SmsPathIds.organization(organizationId);
        return sms.unlink(caller.actor(), organization, SmsPathIds.number(numberId), SmsPathIds.endpoint(endpointId));
    }

    private static ConsentKind consent(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "vendor-sends" -> ConsentKind.VENDOR_SENDS;
            case "patients-consented" -> ConsentKind.PATIENTS_CONSENTED;
            default -> throw new InvalidValueException("consent", "Unknown consent; it is vendor-sends or "
                    + "patients-consented.");
        };
    }
}
