package org.openvisit.audit.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.audit.application.AuditForwardingSettings;
import org.openvisit.identity.interfaces.rest.ApiCaller;

/** Where an organization's audit events are forwarded: its own audit repository (a FHIR server), or nowhere. */
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.AUDIT_TRAIL)
@Path("organizations/{organizationId}/audit-repository")
public class AuditRepositoryResource {

    @EJB
    private AuditForwardingSettings forwarding;

    @Inject
    private ApiCaller caller;

    /** The setting: the FHIR base URL of the audit repository; null: not forwarded. */
    public record AuditRepository(String url) {
    }

    @GET
    @Operation(operationId = "readAuditRepository",
            summary = "Where the organization's audit events are forwarded (null: nowhere)")
    @APIResponse(responseCode = "403", description = "Not an administrator of this organization")
    public AuditRepository read(@PathParam("organizationId") String organizationId) {
        return new AuditRepository(forwarding.view(caller.actor(), AuditEventsApi.organization(organizationId))
                .orElse(null));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Forward the organization's new audit events to its audit repository, a FHIR server"
            + " (https; null or empty: stop); audited", description = "Body: {\"url\": \"https://audit.example.org/fhir\"}")
    @APIResponse(responseCode = "400", description = "An address the outbound address policy refuses (with the reason)")
    @APIResponse(responseCode = "403", description = "Not an administrator of this organization")
    public AuditRepository change(@PathParam("organizationId") String organizationId, AuditRepository body) {
        return new AuditRepository(forwarding.forwardTo(caller.actor(), AuditEventsApi.organization(organizationId),
                body == null ? null : body.url()).orElse(null));
    }
}
