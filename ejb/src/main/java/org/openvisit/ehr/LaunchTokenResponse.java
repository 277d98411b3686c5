package org.openvisit.ehr;

import jakarta.json.JsonObject;

/**
 * What the EHR's token endpoint answered to a launch's code exchange, after the id_token was checked: the EHR user
 * the id_token names ({@code fhirUser} exactly as sent, relative or absolute; {@code null} when the id_token has only
 * a {@code sub}, an account id that says nothing of who the user is in FHIR), the access token
 * (for reads with the launch's own grant; never stored or logged), the scopes granted, and the launch context
 * members of the response ({@code patient}, {@code encounter}, {@code fhirContext}, {@code location}, ...; the
 * token members removed).
 */
public record LaunchTokenResponse(String ehrUser, String accessToken, String grantedScope, JsonObject context) {

    @Override
    public String toString() {
        return "LaunchTokenResponse[ehrUser=" + ehrUser + ", scope=" + grantedScope + ", context=" + context.keySet() + "]";
    }
}
