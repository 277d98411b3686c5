package org.openvisit.notify.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.notify.application.SmsTemplateService;
import org.openvisit.notify.application.TemplatePreview;
import org.openvisit.notify.application.TemplateView;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.shared.interfaces.web.RefusalTexts;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The organization's own SMS wordings per kind and language (the page's Message texts card): read, preview, save
 * (checked; a refused text saves nothing), reset to the shipped text. With {@code ?endpoint=<id>} the same for one
 * endpoint's own wording, which it sends instead of the organization's (not for the answers to HELP, STOP, START).
 */
@Path("organizations/{organizationId}/sms/templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.SMS)
public class SmsTemplatesResource {

    @EJB
    private SmsTemplateService templates;

    @Inject
    private ApiCaller caller;

    @Context
    private HttpHeaders headers;

    /** The body of PUT and of a preview. */
    public record TextBody(String text) {
    }

    /** A preview: the text with example values, how it travels, and why it would be refused (in words), if so. */
    public record PreviewAnswer(String text, String encoding, int characters, int units, int segments,
                                int maxSegments, String problem) {
    }

    @GET
    @Operation(operationId = "listSmsTemplates",
            summary = "Every kind of message (CONFIRMATION, UPDATE, CANCELLATION, REMINDER, LINK, HELP, STOP, "
            + "START) in every language (en, zh-CN, zh-TW, ru), as sent now: the organization's wording or the shipped "
            + "text; with ?endpoint=<id> as that endpoint sends them (source ENDPOINT, ORGANIZATION or SHIPPED)")
    public List<TemplateView> list(@PathParam("organizationId") String organizationId,
                                   @QueryParam("endpoint") String endpoint) {
        return templates.templates(caller.actor(), SmsPathIds.organization(organizationId), endpoint(endpoint));
    }

    @GET
    @Path("{kind}/{language}")
    @Operation(operationId = "readSmsTemplate",
            summary = "One kind of message in one language, as sent now")
    public TemplateView read(@PathParam("organizationId") String organizationId, @PathParam("kind") String kind,
                             @PathParam("language") String language, @QueryParam("endpoint") String endpoint) {
        return templates.template(caller.actor(), SmsPathIds.organization(organizationId), endpoint(endpoint),
                kind(kind), language);
    }

    @PUT
    @Path("{kind}/{language}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "saveSmsTemplate",
            summary = "Save the organization's wording",
            description = "Body: {text: \"{organization}: your visit is on {date} at {time}. Join: {link}\"}. "
                    + "Refused (400, in words) for an unknown placeholder, a missing {link} where one is required, "
                    + "an unpaired brace, more than 640 characters or more than 3 segments with example values.")
    public TemplateView save(@PathParam("organizationId") String organizationId, @PathParam("kind") String kind,
                             @PathParam("language") String language, @QueryParam("endpoint") String endpoint,
                             TextBody body) {
        return templates.save(caller.actor(), SmsPathIds.organization(organizationId), endpoint(endpoint), kind(kind),
                language, body == null ? null : body.text());
    }

    @DELETE
    @Path("{kind}/{language}")
    @Operation(summary = "Reset to the shipped text (an endpoint's wording: to the organization's)")
    public TemplateView reset(@PathParam("organizationId") String organizationId, @PathParam("kind") String kind,
                              @PathParam("language") String language, @QueryParam("endpoint") String endpoint) {
        return templates.reset(caller.actor(), SmsPathIds.organization(organizationId), endpoint(endpoint),
                kind(kind), language);
    }

    @POST
    @Path("{kind}/{language}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The text rendered with example values, its characters, units, segments and encoding "
            + "(GSM_7 or UCS_2), and why saving it would be refused (null when it would not)")
    public PreviewAnswer preview(@PathParam("organizationId") String organizationId, @PathParam("kind") String kind,
                                 @PathParam("language") String language, TextBody body) {
        TemplatePreview p = templates.preview(caller.actor(), SmsPathIds.organization(organizationId),
                kind(kind), language, body == null ? null : body.text());
        String problem = p.refused() ? RefusalTexts.of(p.problem(), RefusalTexts.in(RefusalTexts.ofApiRequest(
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)))) : null;
        return new PreviewAnswer(p.text(), p.segments().encoding().name(), p.segments().characters(),
                p.segments().units(), p.segments().segments(), p.maxSegments(), problem);
    }

    /** The endpoint of {@code ?endpoint=}, or null (the organization's wording). */
    private static UUID endpoint(String endpoint) {
        return endpoint == null || endpoint.isBlank() ? null : SmsPathIds.endpoint(endpoint);
    }

    private static SmsTemplateKind kind(String kind) {
        try {
            return SmsTemplateKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no such kind of message.");
        }
    }
}
