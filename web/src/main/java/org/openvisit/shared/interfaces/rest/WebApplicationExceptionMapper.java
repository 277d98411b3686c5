package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own refusals (unknown path, wrong method, wrong content type) as problem documents. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return InternalErrorMapper.incident(e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        Response.ResponseBuilder response = Response.fromResponse(
                Problem.of(status, title, detailFor(e, status), null).toResponse());
        return response.build();
    }

    private static String detailFor(WebApplicationException e, int status) {
        if (e instanceof NotSupportedException) {
            return "This endpoint does not take a body of this Content-Type (most take application/json; /openapi lists "
                    + "what each takes).";
        }
        if (e instanceof NotAllowedException) {
            return "That HTTP method is not allowed here.";
        }
        return switch (status) {
            case 400 -> "The request could not be read. Check that the body is valid JSON of the documented shape.";
            case 404 -> "Nothing was found at this address.";
            case 406 -> "This endpoint answers with application/json only.";
            default -> Response.Status.fromStatusCode(status) == null ? "The request was refused."
                    : Response.Status.fromStatusCode(status).getReasonPhrase() + ".";
        };
    }
}
