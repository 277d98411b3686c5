package org.openvisit.visit.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.application.VisitView;

import java.util.UUID;

/** Ends a stuck visit (an operator, or an ORG_ADMIN of the visit's organization). */
@Path("visits/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.VISITS)
public class VisitOperationsResource {

    @EJB
    private VisitOrchestrationService visits;

    @Inject
    private ApiCaller caller;

    @POST
    @Path("end")
    @Operation(summary = "End a visit (records VISIT_ENDED, which is written back to the EHR)")
    public VisitView end(@PathParam("id") String id) {
        UUID visitId;
        try {
            visitId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        Actor actor = caller.actor();
        VisitView visit = visits.find(visitId).orElseThrow(NotFoundException::new);
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, visit.organizationId())) {
            if (actor.organizationId() == null || !actor.organizationId().equals(visit.organizationId())) {
                throw new NotFoundException();
            }
            throw new ForbiddenException("Only an operator or an administrator of the visit's organization ends a visit.");
        }
        return visits.end(visitId);
    }
}
