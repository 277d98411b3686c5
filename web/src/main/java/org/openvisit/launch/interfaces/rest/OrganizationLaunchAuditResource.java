package org.openvisit.launch.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.launch.application.LaunchAuditService;
import org.openvisit.launch.application.LaunchAuditView;

import java.util.List;
import java.util.UUID;

/** An organization's launch audit log. */
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.LAUNCH_AUDIT)
@Path("organizations/{organizationId}/launch-audit")
public class OrganizationLaunchAuditResource {

    @EJB
    private LaunchAuditService audit;

    @Inject
    private ApiCaller caller;

    @GET
    @Operation(summary = "The organization's launches, newest first (ORG_ADMIN of the organization, or OPERATOR)",
            description = "max is 1 to 200.")
    public List<LaunchAuditView> ofOrganization(@PathParam("organizationId") String organizationId,
                                                @QueryParam("first") @DefaultValue("0") int first,
                                                @QueryParam("max") @DefaultValue("50") int max) {
        UUID id;
        try {
            id = UUID.fromString(organizationId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No organization with id " + organizationId);
        }
        return audit.ofOrganization(caller.actor(), id, first, max);
    }
}
