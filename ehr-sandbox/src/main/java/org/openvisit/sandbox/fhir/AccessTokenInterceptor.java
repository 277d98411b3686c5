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
import org.openvisit.sandbox.oauth.Scopes.Interaction;
import org.openvisit.sandbox.records.FhirRecords;

/**
 * Lets a FHIR call through only with a valid bearer token whose scopes permit it: no or unknown
 * token answers 401, a token without a fitting scope 403. A call permitted by patient-level scopes
 * only must stay in the launch patient's compartment: reads of its resources, and searches that
 * name the patient. The CapabilityStatement is public.
 */
@Interceptor
public class AccessTokenInterceptor {

    private final AccessTokens tokens;
    private final FhirRecords records;

    public AccessTokenInterceptor(AccessTokens tokens, FhirRecords records) {
        this.tokens = tokens;
        this.records = records;
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
        if (operation == RestOperationTypeEnum.GET_PAGE) {
            // the next page of a search this server already checked (the page id is unguessable)
            if (!grant.scopes().hasResourceScopeOfLevel("system") && !grant.scopes().hasResourceScopeOfLevel("user")
                    && !grant.scopes().hasResourceScopeOfLevel("patient")) {
                throw forbidden("the token has no resource scope");
            }
            return;
        }
        Interaction interaction = interactionOf(operation);
        String type = request.getResourceName();
        if (interaction == null || type == null || !grant.scopes().permits(type, interaction)) {
            throw forbidden("the token's scopes do not permit " + operation.getCode() + " on " + type);
        }
        if (grant.scopes().patientLevelOnly(type, interaction) && PatientCompartment.isCompartmentType(type)) {
            checkCompartment(request, interaction, type, grant.patient());
        }
    }

    private void checkCompartment(RequestDetails request, Interaction interaction, String type, String patient) {
        if (patient == null) {
            throw forbidden("patient-level scopes need a patient in the launch context");
        }
        switch (interaction) {
            case READ -> {
                if (request.getId() != null) {
                    records.read(type, request.getId().getIdPart())
                            .filter(resource -> !PatientCompartment.contains(resource, patient))
                            .ifPresent(outside -> {
                                throw forbidden("patient-level scopes reach only the launch patient's " + type + " resources");
                            });
                }
            }
            case SEARCH -> {
                if (!PatientCompartment.searchIsLimitedTo(type, request.getParameters(), patient)) {
                    throw forbidden("with patient-level scopes a " + type + " search must name the launch patient ("
                            + String.join(" or ", PatientCompartment.linkingParameters(type)) + ")");
                }
            }
            default -> {
                // writes are checked by scope only
            }
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
