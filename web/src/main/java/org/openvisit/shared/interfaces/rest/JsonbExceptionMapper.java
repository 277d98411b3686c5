package org.openvisit.shared.interfaces.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or not of the expected shape. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        return malformedBody();
    }

    static Response malformedBody() {
        return Problem.of(400, "Malformed request body",
                "The request body is not valid JSON of the documented shape.", null).toResponse();
    }
}
