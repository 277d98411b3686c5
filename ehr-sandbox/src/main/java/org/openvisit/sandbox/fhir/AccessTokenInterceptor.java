package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.openvisit.sandbox.oauth.AccessTokens;
import org.openvisit.sandbox.oauth.Grant;
import org.openvisit.sandbox.oauth.Scopes;
import org.openvisit.sandbox.oauth.Scopes.Interaction;

/**
 * Lets a FHIR call through only with a valid bearer token whose scopes permit it: no or unknown
 * token answers 401, a token without a fitting scope 403. Patient-level scopes reach only the
 * launch patient's own Patient resource. The CapabilityStatement is public.
 */
@Interceptor
public class AccessTokenInterceptor {

    private final AccessTokens tokens;

    public AccessTokenInterceptor(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("a bearer access token is required", null);
        }
        Grant grant = tokens.find(authorization.substring(7).trim())
                .orElseThrow(() -> unauthorized("the access token is unknown or expired", "invalid_token"));
        Interaction interaction = interactionOf(operation);
        String type = request.getResourceName();
        if (interaction == null || type == null || !grant.scopes().permits(type, interaction)) {
            throw forbidden("the token's scopes do not permit " + operation.getCode() + " on " + type);
        }
        if (grant.scopes().patientLevelOnly(type, interaction) && "Patient".equals(type) && interaction == Interaction.READ
                && request.getId() != null && !request.getId().getIdPart().equals(grant.patient())) {
            throw forbidden("patient-level scopes reach only the launch patient");
        }
    }

    static Interaction interactionOf(RestOperationTypeEnum operation) {
        return switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> Interaction.READ;
            case SEARCH_TYPE -> Interaction.SEARCH;
            case CREATE -> Interaction.CREATE;
            case UPDATE -> Interaction.UPDATE;
            case DELETE -> Interaction.DELETE;
            default -> null;
        };
    }

    private static AuthenticationException unauthorized(String message, String error) {
        AuthenticationException exception = new AuthenticationException(message);
        exception.addResponseHeader("WWW-Authenticate",
                "Bearer realm=\"ehr-sandbox\"" + (error == null ? "" : ", error=\"" + error + "\""));
        return exception;
    }

    private static ForbiddenOperationException forbidden(String message) {
        ForbiddenOperationException exception = new ForbiddenOperationException(message);
        exception.addResponseHeader("WWW-Authenticate", "Bearer realm=\"ehr-sandbox\", error=\"insufficient_scope\"");
        return exception;
    }
}
