package org.openvisit.shared.interfaces.rest;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

/**
 * A service call failed with a system exception: answer for its cause (a validation failure
 * wrapped by the container is still a 400), and as an incident when the cause is unknown.
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Context
    private Providers providers;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Response toResponse(EJBException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e.getCausedByException();
        while (cause instanceof EJBException nested && nested.getCause() != null) {
            cause = nested.getCause();
        }
        if (cause != null && !(cause instanceof EJBException)) {
            ExceptionMapper mapper = providers.getExceptionMapper(cause.getClass());
            if (mapper != null && !(mapper instanceof InternalErrorMapper)) {
                return mapper.toResponse(cause);
            }
        }
        return InternalErrorMapper.incident(e);
    }
}
