package org.openvisit.report.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.report.application.IssuedReportToken;
import org.openvisit.report.application.ReportTokenService;
import org.openvisit.report.application.ReportTokenView;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.List;
import java.util.UUID;

/**
 * An organization's reports tokens, managed by its administrators (HTTP Basic; a reports token cannot manage
 * tokens), and the public keys tokens are checked with.
 */
@RequestScoped
@Path("reports")
@Tag(name = ApiTags.REPORTS_TOKENS)
public class ReportTokensResource {

    @EJB
    private ReportTokenService tokens;

    @Inject
    private ApiCaller caller;

    @GET
    @Path("tokens")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listReportTokens",
            summary = "The organization's reports tokens, newest first (ORG_ADMIN); never the tokens themselves")
    public List<ReportTokenView> list() {
        return tokens.list(caller.actor());
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a reports token for a service account of the caller's organization (ORG_ADMIN)",
            description = "The answer holds the token this once: OpenVisit keeps only its id, name, organization,"
                    + " groups, expiry and whether it was revoked.")
    @APIResponse(responseCode = "201", description = "The token (shown once) and what is kept of it")
    @APIResponse(responseCode = "400", description = "A blank or long name, or a lifetime out of 1 to 366 days")
    @APIResponse(responseCode = "403", description = "Not an administrator of an organization")
    public Response issue(ReportTokenRequest request) {
        if (request == null) {
            throw new InvalidValueException("name", "Send the token's name and lifetimeDays as JSON.");
        }
        if (request.lifetimeDays() == null) {
            throw new InvalidValueException("lifetimeDays", "Say how many days the token lives (1 to 366).");
        }
        IssuedReportToken issued = tokens.issue(caller.actor(), request.name(), request.lifetimeDays());
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store")
                .entity(new IssuedTokenBody(issued.token(), issued.view())).build();
    }

    @DELETE
    @Path("tokens/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a reports token of the caller's organization (ORG_ADMIN): refused at once")
    @APIResponse(responseCode = "404", description = "The organization has no such token")
    @APIResponse(responseCode = "409", description = "Revoked already")
    public ReportTokenView revoke(@PathParam("id") String id) {
        UUID tokenId;
        try {
            tokenId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("The organization has no such token.");
        }
        try {
            return tokens.revoke(caller.actor(), tokenId);
        } catch (InvalidValueException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    @GET
    @Path("jwks")
    @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "The public keys reports tokens are signed with (JWKS), open to everybody")
    @SecurityRequirementsSet // open
    public Response jwks() {
        return Response.ok(tokens.publicKeys()).header("Cache-Control", "public, max-age=3600").build();
    }

    /** A token just issued: the token itself this once, and what is kept of it. */
    public record IssuedTokenBody(String token, ReportTokenView details) {
    }
}
