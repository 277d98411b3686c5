package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.List;

@Provider
public class InvalidValueMapper implements ExceptionMapper<InvalidValueException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(InvalidValueException e) {
        String words = ApiLanguage.words(e, headers);
        return Problem.of(400, "Invalid input", words, List.of(new Problem.FieldError(e.field(), words))).toResponse();
    }
}
