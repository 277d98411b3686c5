package org.openvisit.tenant.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.application.OrganizationPage;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.OrganizationSummary;

import java.util.List;
import java.util.UUID;

@Path("organizations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.ORGANIZATIONS)
public class OrganizationResource {

    @EJB
    private OrganizationService organizations;

    @Context
    private UriInfo uriInfo;

    @Context
    private SecurityContext security;

    @jakarta.inject.Inject
    private org.openvisit.identity.interfaces.rest.ApiCaller caller;

    /** Organizations are the installation's business: only operators list or register them. */
    private void requireOperator() {
        if (!security.isUserInRole("OPERATOR")) {
            throw new ForbiddenException("Only an operator of this installation may manage organizations.");
        }
    }

    @GET
    @Operation(operationId = "listOrganizations",
            summary = "List organizations by name, one page at a time")
    public OrganizationPage list(@QueryParam("first") @DefaultValue("0") int first,
                                 @QueryParam("max") @DefaultValue("50") int max) {
        requireOperator();
        return organizations.list(first, max);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "readOrganization",
            summary = "Read one organization")
    public OrganizationSummary read(@PathParam("id") String id) {
        requireOperator();
        return organizations.find(parseId(id))
                .orElseThrow(() -> new NotFoundException("No organization with id " + id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerOrganization",
            summary = "Register an organization")
    public Response register(OrganizationRequest request) {
        requireOperator();
        if (request == null) {
            throw new InvalidValueException("request", "A JSON body with name, dataRegion and ehrVendor is required.");
        }
        OrganizationSummary created = organizations.register(request.toCommand());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editOrganization",
            summary = "Edit an organization: its name, its EHR and the language for patients",
            description = "Body: {\"name\": ..., \"ehrVendor\": \"EPIC\" (optional), \"patientLanguage\": "
                    + "\"ENGLISH\" | \"SIMPLIFIED_CHINESE\" | \"TRADITIONAL_CHINESE\" | \"RUSSIAN\" (optional: English)}. "
                    + "The data region is not edited here (a region move changes it). An operator for any organization, "
                    + "an ORG_ADMIN for their own. Audited.")
    public OrganizationSummary edit(@PathParam("id") String id,
                                    org.openvisit.tenant.application.OrganizationChange request) {
        if (request == null) {
            throw new InvalidValueException("request", "A JSON body with name, ehrVendor and patientLanguage is required.");
        }
        return organizations.edit(caller.actor(), parseId(id), request);
    }

    @PUT
    @Path("{id}/meeting-platform")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose where the organization's new visits meet",
            description = "Body: {\"meetingPlatform\": \"builtin-rooms\"}; one of GET /api/organizations/meeting-platforms. "
                    + "Visits made before keep their meeting.")
    public OrganizationSummary chooseMeetingPlatform(@PathParam("id") String id, MeetingPlatformRequest request) {
        requireOperator();
        if (request == null || request.meetingPlatform() == null || request.meetingPlatform().isBlank()) {
            throw new InvalidValueException("meetingPlatform", "Name the meeting platform, one of "
                    + organizations.meetingPlatforms() + ".");
        }
        return organizations.chooseMeetingPlatform(parseId(id), request.meetingPlatform().strip());
    }

    @GET
    @Path("meeting-platforms")
    @Operation(summary = "The meeting platforms of this installation")
    public List<String> meetingPlatforms() {
        requireOperator();
        return organizations.meetingPlatforms();
    }

    /** The body of PUT .../meeting-platform. */
    public record MeetingPlatformRequest(String meetingPlatform) {
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No organization with id " + id);
        }
    }
}
