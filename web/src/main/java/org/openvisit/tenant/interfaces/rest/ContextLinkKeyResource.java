package org.openvisit.tenant.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.tenant.application.ContextLinkKeyService;
import org.openvisit.tenant.application.NewContextLinkKey;

import java.util.Map;
import java.util.UUID;

/**
 * An endpoint's encrypted-context-link key, as on the endpoint screen: generate (the value is in this
 * one answer only, never again) and read which key is in use (without its value).
 */
@Path("endpoints/{id}/context-link-key")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.FHIR_ENDPOINTS)
public class ContextLinkKeyResource {

    @EJB
    private ContextLinkKeyService keys;

    @Inject
    private ApiCaller caller;

    @POST
    @Operation(summary = "Generate the endpoint's context-link key (retires the one in use)",
            description = "Answers keyId and key (base64 of 32 bytes, AES-256): the only time the key is shown. "
                    + "Only the organization's administrator may.")
    public Response generate(@PathParam("id") String id) {
        NewContextLinkKey key = keys.generate(caller.actor(), parseId(id));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(Response.Status.CREATED).cacheControl(noStore).entity(Map.of("keyId", key.keyId(),
                "key", key.keyBase64(), "createdAt", key.createdAt().toString())).build();
    }

    @GET
    @Operation(summary = "Which context-link key is in use (never its value)")
    public Response current(@PathParam("id") String id) {
        return keys.current(caller.actor(), parseId(id))
                .map(k -> Response.ok(Map.of("keyId", k.keyId(), "createdAt", k.createdAt().toString())).build())
                .orElseThrow(() -> new NotFoundException("This endpoint has no context-link key yet."));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No FHIR endpoint with id " + id);
        }
    }
}
