package org.openvisit.notify.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.notify.application.SmsNumberNotFoundException;
import org.openvisit.shared.interfaces.rest.Problem;

/** No such sending number in the organization (another organization's is answered alike): 404. */
@Provider
public class SmsNumberNotFoundMapper implements ExceptionMapper<SmsNumberNotFoundException> {

    @Override
    public Response toResponse(SmsNumberNotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }
}
