package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.List;

@Provider
public class InvalidValueMapper implements ExceptionMapper<InvalidValueException> {

    @Override
    public Response toResponse(InvalidValueException e) {
        return Problem.of(400, "Invalid input", e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }
}
