package org.openvisit.region.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.region.application.RegionMoveService;
import org.openvisit.region.application.RegionMoveView;
import org.openvisit.tenant.domain.model.DataRegion;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Moving an organization's data to another region (operators only): {@code POST} starts a move (202, its progress at
 * {@code Location}), {@code GET} reads the organization's moves or one move's progress, {@code POST …/resume} resumes a
 * move whose node is gone.
 */
@Path("organizations/{organizationId}/region-moves")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.ORGANIZATIONS)
public class RegionMoveResource {

    @EJB
    private RegionMoveService moves;

    @Inject
    private ApiCaller caller;

    @Context
    private UriInfo uriInfo;

    /** The body of POST: the region to move to ({@code AMERICAS}, {@code EMEA} or {@code APAC}). */
    public record MoveRequest(String toRegion) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the organization's data to another region: copy, verify, switch, delete the old rows",
            description = "Body: {\"toRegion\": \"EMEA\"}. Refused (409) while the organization has visits going on;"
                    + " from the request until the switch its launches are refused with the region-unavailable page.")
    @APIResponse(responseCode = "202", description = "The move was requested; its progress is at Location")
    @APIResponse(responseCode = "400", description = "No such region")
    @APIResponse(responseCode = "403", description = "Not an operator")
    @APIResponse(responseCode = "409", description = "In that region already, visits going on, or a move under way")
    @APIResponse(responseCode = "503", description = "The old or the new region's store cannot be used now")
    public Response start(@PathParam("organizationId") String organizationId, MoveRequest body) {
        UUID organization = parseId(organizationId);
        DataRegion to = region(body == null ? null : body.toRegion());
        RegionMoveView move = moves.start(caller.actor(), organization, to);
        return Response.accepted(move).location(uriInfo.getAbsolutePathBuilder().path(move.id().toString()).build())
                .build();
    }

    @GET
    @Operation(operationId = "listRegionMoves",
            summary = "The organization's region moves, newest first")
    @APIResponse(responseCode = "403", description = "Not an operator")
    public List<RegionMoveView> list(@PathParam("organizationId") String organizationId) {
        return moves.ofOrganization(caller.actor(), parseId(organizationId));
    }

    @GET
    @Path("{moveId}")
    @Operation(summary = "A region move's progress: its state, its steps and, once verified, the rows and checksums"
            + " per table in both regions")
    @APIResponse(responseCode = "403", description = "Not an operator")
    @APIResponse(responseCode = "404", description = "No such move of this organization")
    public RegionMoveView progress(@PathParam("organizationId") String organizationId,
                                   @PathParam("moveId") String moveId) {
        return moves.progress(caller.actor(), parseId(organizationId), parseId(moveId));
    }

    @POST
    @Path("{moveId}/resume")
    @Operation(summary = "Resume a move whose node is gone (crashed or stopped while it worked on the move)",
            description = "Releases the node's lease at once, so that the next node goes on from the move's last"
                    + " committed step within seconds instead of after the lease's ten minutes; recorded in the move's"
                    + " history. Should the old node still be working, its next step is refused.")
    @APIResponse(responseCode = "200", description = "The move, its lease released")
    @APIResponse(responseCode = "403", description = "Not an operator")
    @APIResponse(responseCode = "404", description = "No such move of this organization")
    @APIResponse(responseCode = "409", description = "The move is finished")
    public RegionMoveView resume(@PathParam("organizationId") String organizationId,
                                 @PathParam("moveId") String moveId) {
        return moves.resume(caller.actor(), parseId(organizationId), parseId(moveId));
    }

    private static DataRegion region(String name) {
        try {
            return DataRegion.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadRequestException("toRegion must be one of AMERICAS, EMEA, APAC.");
        }
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such id: " + id);
        }
    }
}
