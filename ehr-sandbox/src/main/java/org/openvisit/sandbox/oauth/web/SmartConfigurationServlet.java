package org.openvisit.sandbox.oauth.web;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.web.JsonResponses;
import org.openvisit.sandbox.web.RequestOrigin;

import java.io.IOException;

/**
 * SMART discovery: {@code /fhir/.well-known/smart-configuration}, mapped exactly so that it wins over the FHIR servlet;
 * and that of the SMART v1 face, {@code /v1/fhir/.well-known/smart-configuration}: {@code permission-v1} and v1 scopes
 * only, no context hints (an older EHR).
 */
@WebServlet({"/fhir/.well-known/smart-configuration", "/v1/fhir/.well-known/smart-configuration"})
public class SmartConfigurationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        response.setHeader("Access-Control-Allow-Origin", "*");
        boolean v1 = request.getServletPath().startsWith(RequestOrigin.V1_PATH);
        JsonResponses.write(response, 200, Json.createObjectBuilder()
                .add("issuer", v1 ? origin.v1FhirBase() : origin.fhirBase())
                .add("authorization_endpoint", origin.authorizeUrl())
                .add("token_endpoint", origin.tokenUrl())
                .add("jwks_uri", origin.jwksUrl())
                .add("grant_types_supported", array("authorization_code", "refresh_token", "client_credentials"))
                .add("response_types_supported", array("code"))
                .add("code_challenge_methods_supported", array("S256"))
                .add("token_endpoint_auth_methods_supported", array("none", "private_key_jwt"))
                .add("token_endpoint_auth_signing_alg_values_supported", array("RS384", "ES384"))
                .add("id_token_signing_alg_values_supported", array("RS256"))
                .add("scopes_supported", v1 ? array("openid", "fhirUser", "profile", "launch", "launch/patient",
                        "offline_access", "online_access", "patient/*.read", "user/*.read", "user/*.write",
                        "system/*.read", "system/*.write")
                        : array("openid", "fhirUser", "profile", "launch", "launch/patient",
                        "launch/encounter", "offline_access", "online_access",
                        "patient/*.rs", "patient/*.read", "user/*.rs", "user/*.cruds", "user/*.read", "user/*.write",
                        "system/*.rs", "system/*.cruds", "system/*.read", "system/*.write"))
                .add("capabilities", v1 ? array("launch-ehr", "launch-standalone", "client-public",
                        "client-confidential-asymmetric", "context-ehr-patient", "context-standalone-patient",
                        "sso-openid-connect", "permission-offline", "permission-patient", "permission-user",
                        "permission-v1")
                        : array("launch-ehr", "launch-standalone", "client-public",
                        "client-confidential-asymmetric", "context-ehr-patient", "context-ehr-encounter",
                        "context-standalone-patient", "context-banner", "sso-openid-connect",
                        "permission-offline", "permission-online", "permission-patient", "permission-user",
                        "permission-v1", "permission-v2"))
                .build());
    }

    private static JsonArrayBuilder array(String... values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}
