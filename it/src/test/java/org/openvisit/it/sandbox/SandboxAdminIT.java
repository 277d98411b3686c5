package org.openvisit.it.sandbox;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** App registrations are configurable on the admin page and through the admin API, and the EHR launches what is configured. */
@org.junit.jupiter.api.parallel.Isolated("the reset brings back the shared sandbox's sample data under every class running beside it")
class SandboxAdminIT {

    @AfterEach
    void removeTestApp() {
        Sandbox.admin("DELETE", "apps/demo-app", null);
    }

    @Test
    void anAppRegisteredOnTheAdminPageIsLaunchedByTheEhrScreen() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("clientId", "demo-app");
        form.put("name", "Demo app");
        form.put("kind", "PUBLIC");
        form.put("launchStyle", "SMART_EHR_LAUNCH");
        form.put("launchUrl", "http://127.0.0.1:9/demo/launch");
        form.put("contextLinkUrl", "");
        form.put("redirectUris", "http://127.0.0.1:9/demo/callback\nhttp://127.0.0.1:9/demo/other");
        form.put("jwksUrl", "");
        form.put("contextKeyId", "demo-1");
        form.put("contextKey", "");

        HttpResponse<String> saved = Http.post(Sandbox.at("admin"), "application/x-www-form-urlencoded", Sandbox.form(form));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        JsonObject app = Sandbox.adminJson("GET", "apps/demo-app", null);
        assertThat(app.getString("name")).isEqualTo("Demo app");
        assertThat(app.getJsonArray("redirectUris")).hasSize(2);
        assertThat(app.getString("contextKeyId")).isEqualTo("demo-1");
        assertThat(app.getString("contextKey")).as("a blank key field keeps the generated key").isNotBlank();
        HttpResponse<String> launched = Http.get(Sandbox.at("ehr/launch?app=demo-app&user=Practitioner/prac-ben-lindqvist&appointment=appt-1003"));
        assertThat(launched.statusCode()).isEqualTo(302);
        URI location = Sandbox.location(launched);
        assertThat(location.toString()).startsWith("http://127.0.0.1:9/demo/launch?");
        assertThat(Sandbox.queryOf(location)).containsEntry("iss", Sandbox.fhirBase());
        assertThat(Http.get(Sandbox.at("admin")).body()).contains("demo-app", "http://127.0.0.1:9/demo/callback");
    }

    @Test
    void theAdminApiListsTheSeededOpenVisitRegistrations() {
        JsonObject openvisit = Sandbox.adminJson("GET", "apps/openvisit", null);
        JsonObject backend = Sandbox.adminJson("GET", "apps/openvisit-backend", null);

        assertThat(openvisit.getString("kind")).isEqualTo("PUBLIC");
        assertThat(openvisit.getString("launchUrl")).isEqualTo("{origin}/launch/e/demo");
        assertThat(openvisit.getString("contextLinkUrl")).isEqualTo("{origin}/launch/context");
        assertThat(openvisit.getJsonArray("redirectUris").toString())
                .contains("{origin}/launch/callback", "{origin}/portal/ehr-sign-in/callback");
        assertThat(openvisit.getString("contextKeyId")).isEqualTo("openvisit-ctx-1");
        assertThat(java.util.Base64.getDecoder().decode(openvisit.getString("contextKey"))).hasSize(32);
        assertThat(backend.getString("kind")).isEqualTo("CONFIDENTIAL_ASYMMETRIC");
        assertThat(backend.getString("jwksUrl")).isEqualTo("{origin}/.well-known/jwks.json");
        assertThat(Sandbox.admin("GET", "apps/nobody", null).statusCode()).isEqualTo(404);
    }

    @Test
    void launchesAnswerTheUrlWithoutARedirect() {
        JsonObject launch = Sandbox.adminJson("POST", "launches",
                "{\"appointment\":\"appt-1002\",\"user\":\"Practitioner/prac-ada-okafor\"}");

        assertThat(launch.getString("url")).startsWith(Sandbox.origin() + "/launch/e/demo?iss=");
        assertThat(Sandbox.admin("POST", "launches", "{\"appointment\":\"appt-0\",\"user\":\"Practitioner/prac-ada-okafor\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void resetBringsBackTheSampleData() {
        JsonObject reset = Sandbox.adminJson("POST", "records/reset", null);

        assertThat(reset.getInt("appointments")).isEqualTo(9); // appt-1009, a month ahead, for the early patient
    }
}
