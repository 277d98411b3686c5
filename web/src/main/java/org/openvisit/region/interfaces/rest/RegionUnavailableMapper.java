package org.openvisit.region.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.shared.interfaces.rest.Problem;

/** A region's store cannot be used now (down, or the organization's data being moved): 503 for the API. */
@Provider
public class RegionUnavailableMapper implements ExceptionMapper<RegionUnavailableException> {

    @Override
    public Response toResponse(RegionUnavailableException e) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse();
    }
}
