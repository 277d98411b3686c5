package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.tenant.application.OrganizationNotFoundException;

/** No such organization: 404. */
@Provider
public class OrganizationNotFoundMapper implements ExceptionMapper<OrganizationNotFoundException> {

    @Override
    public Response toResponse(OrganizationNotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }
}
