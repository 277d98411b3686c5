package org.openvisit.shared.interfaces.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openvisit.shared.interfaces.web.LocalizedTexts;
import org.openvisit.shared.interfaces.web.RefusalTexts;

import java.util.Comparator;
import java.util.List;

/** Bean Validation failures (on resources or on service parameters) as a 400 naming each field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        LocalizedTexts texts = ApiLanguage.texts(headers);
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), words(v, texts)))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.size() == 1 ? errors.get(0).message() : texts.get("validation.several");
        return Problem.of(400, "Invalid input", detail, errors).toResponse();
    }

    /**
     * OpenVisit's templates in the request's language; a constraint's default message in English as the container
     * said it (as the API has always answered), in another language in OpenVisit's words.
     */
    private static String words(ConstraintViolation<?> violation, LocalizedTexts texts) {
        String template = violation.getMessageTemplate();
        if (java.util.Locale.ENGLISH.equals(texts.locale()) && (template == null || !template.startsWith("{openvisit."))) {
            return violation.getMessage();
        }
        return RefusalTexts.of(violation, texts);
    }

    /** The last named node of the property path: "register.request.name" becomes "name". */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.METHOD) {
                field = node.getName();
            }
        }
        return field == null ? "request" : field;
    }
}
