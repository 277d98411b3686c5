package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unforeseen: the caller gets a 500 problem with an incident id and no internals; the
 * log gets the stack trace under the same id so an operator can find it.
 */
@Provider
public class InternalErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(InternalErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        return incident(e);
    }

    static Response incident(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident + " while handling a REST request", e);
        return Problem.of(500, "Internal Server Error",
                "Something went wrong on our side. Quote incident " + incident + " to your OpenVisit operator.",
                null).toResponse();
    }
}
