package org.openvisit.tenant.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.application.EndpointPage;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointView;

import java.util.UUID;

/** An organization's FHIR endpoints: list them, register one. */
@Path("organizations/{organizationId}/endpoints")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.FHIR_ENDPOINTS)
public class OrganizationEndpointsResource {

    @EJB
    private EndpointService endpoints;

    @Inject
    private ApiCaller caller;

    @Context
    private UriInfo uriInfo;

    @GET
    @Operation(operationId = "listOrganizationEndpoints",
            summary = "List the organization's FHIR endpoints by base URL, one page at a time",
            description = "Members of the organization and operators see them; for any other organization the "
                    + "page is empty. max is 1 to 200.")
    public EndpointPage list(@PathParam("organizationId") String organizationId,
                             @QueryParam("first") @DefaultValue("0") int first,
                             @QueryParam("max") @DefaultValue("50") int max) {
        return endpoints.list(caller.actor(), parseId(organizationId), first, max);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerEndpoint",
            summary = "Register a FHIR endpoint (an ORG_ADMIN of the organization)",
            description = "Body: {baseUrl, environment: TEST | PRODUCTION, label (optional), approver (the EHR "
                    + "analyst's username), submit: true to send it for approval at once (AWAITING_APPROVAL) or "
                    + "false/absent to keep it a DRAFT, sharedEhr: true to register a URL that another organization "
                    + "of this installation uses as a shared EHR}. Answers 201 with the endpoint and its history, "
                    + "Location /api/endpoints/{id} and ETag \"<version>\"; 400 naming the refused field; 409 when "
                    + "the organization has this URL in this environment already, or when another organization uses "
                    + "it and sharedEhr is not true (the answer names no organization). Operators see sharedWith: "
                    + "the other organizations using the endpoint's URL.")
    public Response register(@PathParam("organizationId") String organizationId, EndpointRequest request) {
        UUID organization = parseId(organizationId);
        if (request == null) {
            throw new InvalidValueException("request",
                    "A JSON body with baseUrl, environment, label, approver and submit is required.");
        }
        EndpointView created = endpoints.register(caller.actor(), request.toNewEndpoint(organization),
                request.submitForApproval(), request.sharedEhrConfirmed());
        return Response.created(uriInfo.getBaseUriBuilder().path("endpoints").path(created.id().toString()).build())
                .tag(EndpointResource.etag(created))
                .entity(created)
                .build();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No organization with id " + id);
        }
    }
}
