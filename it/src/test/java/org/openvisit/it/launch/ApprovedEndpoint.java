package org.openvisit.it.launch;

import jakarta.json.JsonObject;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.PortalClient;
import org.openvisit.it.tenant.TenantApi;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organization of its own with one FHIR endpoint approved the ordinary way (the admin registers it, the named
 * analyst signs in to the EHR sandbox and approves), and the endpoint's launch URLs read from its integration records.
 */
public record ApprovedEndpoint(String organizationId, String endpointId, String providerLaunchUrl, String patientLaunchUrl) {

    public static ApprovedEndpoint at(String fhirBase, String namePrefix) {
        PortalClient.awaitSandbox();
        String organization = TenantApi.organization(TenantApi.unique(namePrefix));
        TenantApi.User admin = TenantApi.user(TenantApi.OPERATOR, organization, "ladmin", "ORG_ADMIN");
        TenantApi.User analyst = TenantApi.user(admin, organization, "lanalyst", "EHR_ANALYST");
        String id = TenantApi.endpoint(admin, organization, fhirBase, "TEST", analyst.username(), true).getString("id");

        PortalClient browser = new PortalClient();
        browser.signIn(analyst.username(), analyst.password());
        String authorize = PortalClient.location(browser.get("/portal/ehr-sign-in/start?endpoint=" + id));
        HttpResponse<String> signInPage = browser.get(URI.create(authorize));
        assertThat(signInPage.statusCode()).as(signInPage.body()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>(PortalClient.hiddenFields(signInPage.body()));
        form.put("user", "Practitioner/prac-ben-lindqvist");
        form.put("patient", "");
        String callback = PortalClient.location(browser.postForm(SharedServer.sandboxUri().resolve("oauth/authorize"), form));
        browser.get(URI.create(callback));
        assertThat(TenantApi.read(analyst, id).getString("status")).isEqualTo("EHR_VERIFIED");
        HttpResponse<String> approved = TenantApi.post(analyst, "/api/endpoints/" + id + "/approval", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        HttpResponse<String> records = browser.get("/portal/integration-records?endpoint=" + id);
        assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
        Map<String, String> values = new LinkedHashMap<>();
        Http.json(records).getJsonArray("records").getValuesAs(JsonObject.class)
                .forEach(r -> values.put(r.getString("key"), r.getString("value")));
        return new ApprovedEndpoint(organization, id, values.get("providerLaunchUrl"), values.get("patientLaunchUrl"));
    }

    /** Its organization's launch audit rows, newest first. */
    public java.util.List<JsonObject> auditRows() {
        HttpResponse<String> rows = Http.getAsOperator(LaunchBrowser.at("/api/organizations/" + organizationId
                + "/launch-audit?max=200"));
        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
        return ((jakarta.json.JsonArray) Http.parse(rows.body())).getValuesAs(JsonObject.class);
    }
}
