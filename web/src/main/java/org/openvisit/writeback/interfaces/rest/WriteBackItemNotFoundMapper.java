package org.openvisit.writeback.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.shared.interfaces.rest.Problem;
import org.openvisit.writeback.application.WriteBackItemNotFoundException;

/** No such write-back item on that endpoint: 404. */
@Provider
public class WriteBackItemNotFoundMapper implements ExceptionMapper<WriteBackItemNotFoundException> {

    @Override
    public Response toResponse(WriteBackItemNotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }
}
