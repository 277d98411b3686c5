package org.openvisit.region.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.region.application.RegionMoveNotFoundException;
import org.openvisit.shared.interfaces.rest.Problem;

/** No such region move of that organization: 404. */
@Provider
public class RegionMoveNotFoundMapper implements ExceptionMapper<RegionMoveNotFoundException> {

    @Override
    public Response toResponse(RegionMoveNotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }
}
