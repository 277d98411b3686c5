package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.shared.domain.model.ConflictException;

@Provider
public class ConflictMapper implements ExceptionMapper<ConflictException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(ConflictException e) {
        return Problem.of(Response.Status.CONFLICT, ApiLanguage.words(e, headers)).toResponse();
    }
}
