package org.openvisit.shared.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * {@code GET /api/version}, open without sign-in: which product and API version answers here, for
 * monitors and load balancers (and the launch benchmark's baseline of a trivial JAX-RS request).
 */
@Path("version")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirementsSet // open: no account (the call checks its own signature or secret, or needs none)
@Tag(name = ApiTags.OPERATIONS)
public class VersionResource {

    private static final Map<String, String> VERSION = Map.of("product", "OpenVisit", "api", "1");

    @GET
    @Operation(summary = "The product and API version (no sign-in needed)")
    public Map<String, String> version() {
        return VERSION;
    }
}
