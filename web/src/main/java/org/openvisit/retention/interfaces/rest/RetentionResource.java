package org.openvisit.retention.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.retention.application.RetentionService;
import org.openvisit.retention.application.RetentionView;

import java.time.Instant;
import java.util.UUID;

/**
 * How long an organization's visits are kept: the installation's days, the organization's own (fewer) and its latest
 * purge. Its administrators and report readers read it; its administrators and operators set it.
 */
@Path("organizations/{organizationId}/retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.ORGANIZATIONS)
public class RetentionResource {

    @EJB
    private RetentionService retention;

    @Inject
    private ApiCaller caller;

    /** The body of PUT: the organization's own days, fewer than the installation's; null: the installation's. */
    public record RetentionRequest(Integer visitDays) {
    }

    /** What the API answers: days (null: for ever, or none of the organization's own) and the latest purge. */
    public record RetentionAnswer(Integer installationVisitDays, Integer organizationVisitDays, Integer visitDays,
                                  Instant lastPurgeAt, Long lastPurgeVisits, Long lastPurgeLaunchAudit) {

        static RetentionAnswer of(RetentionView view) {
            return new RetentionAnswer(view.installationVisitDays(), view.organizationVisitDays(), view.visitDays(),
                    view.latest().map(r -> r.ranAt()).orElse(null),
                    view.latest().map(r -> r.visitsDeleted()).orElse(null),
                    view.latest().map(r -> r.auditDeleted()).orElse(null));
        }
    }

    @GET
    @Operation(operationId = "readRetention",
            summary = "How long the organization's visits are kept, and its latest purge")
    @APIResponse(responseCode = "403", description = "Not an administrator or report reader of this organization")
    public RetentionAnswer read(@PathParam("organizationId") String organizationId) {
        return RetentionAnswer.of(retention.view(caller.actor(), parseId(organizationId)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keep the organization's visits for fewer days than the installation (null: as the"
            + " installation does); older visits go at the next hourly purge",
            description = "Body: {\"visitDays\": 90}")
    @APIResponse(responseCode = "400", description = "Not a whole number of days fewer than the installation's (named)")
    @APIResponse(responseCode = "403", description = "Not an administrator of this organization")
    public RetentionAnswer keepVisitsFor(@PathParam("organizationId") String organizationId, RetentionRequest body) {
        return RetentionAnswer.of(retention.keepVisitsFor(caller.actor(), parseId(organizationId),
                body == null ? null : body.visitDays()));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No organization with id " + id);
        }
    }
}
