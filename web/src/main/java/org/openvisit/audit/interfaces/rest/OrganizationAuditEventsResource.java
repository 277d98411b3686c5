package org.openvisit.audit.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.audit.application.AuditSearchService;
import org.openvisit.identity.interfaces.rest.ApiCaller;

/** An organization's audit trail as FHIR AuditEvents (BALP). */
@RequestScoped
@Tag(name = ApiTags.AUDIT_TRAIL)
@Path("organizations/{organizationId}/audit-events")
public class OrganizationAuditEventsResource {

    @EJB
    private AuditSearchService search;

    @Inject
    private ApiCaller caller;

    @Context
    private UriInfo uri;

    @GET
    @Produces({AuditEventsApi.FHIR_JSON, "application/json"})
    @Operation(operationId = "searchOrganizationAuditEvents",
            summary = "The organization's audit events, newest first, as a FHIR searchset Bundle of AuditEvents"
            + " (ORG_ADMIN of the organization, or OPERATOR); each call is audited as an export",
            description = "Paged: first (0, …) and max (1 to 200); the Bundle's total counts every match and its "
                    + "\"next\" link names the next page.")
    @Parameters({
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "First day, ISO date (default: 29 days"
                    + " before to)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = "Last day, ISO date, included (default:"
                    + " today)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "zone", in = ParameterIn.QUERY, description = "IANA time zone the days are in (default"
                    + " UTC)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "kind", in = ParameterIn.QUERY, description = "SIGN_IN, LAUNCH, ENDPOINT_SUBMITTED,"
                    + " ENDPOINT_VERIFIED, ENDPOINT_APPROVED, ENDPOINT_REJECTED, ENDPOINT_WITHDRAWN, KEY_GENERATED,"
                    + " ADMITTED, REMOVED, WRITE_BACK, EXPORT, AUDIT_SETTINGS_CHANGED, ACCOUNT_CHANGED or ORGANIZATION_CHANGED",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "user", in = ParameterIn.QUERY, description = "A portal username or an EHR user id"
                    + " (ignoring case)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "outcome", in = ParameterIn.QUERY, description = "SUCCESS, MINOR_FAILURE or"
                    + " SERIOUS_FAILURE", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "A FHIR Bundle (searchset) of AuditEvents")
    @APIResponse(responseCode = "400", description = "A parameter that is not a value it may take (named)")
    @APIResponse(responseCode = "403", description = "Not an administrator of this organization")
    public Response search(@PathParam("organizationId") String organizationId,
                           @QueryParam("first") @DefaultValue("0") int first,
                           @QueryParam("max") @DefaultValue("50") int max) {
        return AuditEventsApi.bundle(search, caller.actor(), AuditEventsApi.organization(organizationId), uri, first,
                max);
    }
}
