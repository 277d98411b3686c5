package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.shared.domain.model.ForbiddenException;

/** The signed-in user may not do what they asked: 403, with the model's message saying who may. */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, ApiLanguage.words(e, headers)).toResponse();
    }
}
