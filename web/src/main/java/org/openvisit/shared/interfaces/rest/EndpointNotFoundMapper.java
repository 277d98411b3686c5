package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.tenant.application.EndpointNotFoundException;

/** No such FHIR endpoint, or one of another organization (answered alike, so ids are not disclosed): 404. */
@Provider
public class EndpointNotFoundMapper implements ExceptionMapper<EndpointNotFoundException> {

    @Override
    public Response toResponse(EndpointNotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }
}
