package org.openvisit.launch.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** The whole launch audit log, for operators. */
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.LAUNCH_AUDIT)
@Path("launch-audit")
public class LaunchAuditResource {

    @EJB
    private LaunchAuditService audit;

    @Inject
    private ApiCaller caller;

    @GET
    @Operation(summary = "All launches, newest first, refusals of unknown issuers included (OPERATOR)",
            description = "max is 1 to 200.")
    public List<LaunchAuditView> recent(@QueryParam("first") @DefaultValue("0") int first,
                                        @QueryParam("max") @DefaultValue("50") int max) {
        return audit.recent(caller.actor(), first, max);
    }
}
