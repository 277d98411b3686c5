package org.openvisit.audit.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.audit.application.AuditSearchService;
import org.openvisit.identity.interfaces.rest.ApiCaller;

/** The installation's own audit trail (operators' sign-ins, installation keys) as FHIR AuditEvents. */
@RequestScoped
@Tag(name = ApiTags.AUDIT_TRAIL)
@Path("audit-events")
public class InstallationAuditEventsResource {

    @EJB
    private AuditSearchService search;

    @Inject
    private ApiCaller caller;

    @Context
    private UriInfo uri;

    @GET
    @Produces({AuditEventsApi.FHIR_JSON, "application/json"})
    @Operation(operationId = "searchInstallationAuditEvents",
            summary = "The installation's own audit events (operators' sign-ins, failed sign-ins of names that are"
            + " no account, installation keys), newest first, as a FHIR searchset Bundle (OPERATOR)",
            description = "The same parameters as an organization's audit events.")
    @APIResponse(responseCode = "200", description = "A FHIR Bundle (searchset) of AuditEvents")
    @APIResponse(responseCode = "403", description = "Not an operator")
    public Response search(@QueryParam("first") @DefaultValue("0") int first,
                           @QueryParam("max") @DefaultValue("50") int max) {
        return AuditEventsApi.bundle(search, caller.actor(), null, uri, first, max);
    }
}
