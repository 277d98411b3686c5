package org.openvisit.it.tenant;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.tenant.TenantApi.User;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.tenant.TenantApi.OPERATOR;
import static org.openvisit.it.tenant.TenantApi.assertProblem;
import static org.openvisit.it.tenant.TenantApi.detail;
import static org.openvisit.it.tenant.TenantApi.endpoint;
import static org.openvisit.it.tenant.TenantApi.endpointBody;
import static org.openvisit.it.tenant.TenantApi.field;
import static org.openvisit.it.tenant.TenantApi.get;
import static org.openvisit.it.tenant.TenantApi.post;
import static org.openvisit.it.tenant.TenantApi.put;
import static org.openvisit.it.tenant.TenantApi.read;
import static org.openvisit.it.tenant.TenantApi.unique;

/**
 * The FHIR endpoints REST API over real HTTP on the shared Payara Micro, as an operator, an organization
 * admin and an EHR analyst created through the API: the approval walk, and every refusal with nothing
 * changed after it.
 */
class EndpointsApiIT {

    private static String organization;
    private static String otherOrganization;
    private static User admin;
    private static User analyst;
    private static User otherAnalyst;
    private static User otherAdmin;

    @BeforeAll
    static void people() {
        organization = TenantApi.organization(unique("Endpoints Clinic"));
        otherOrganization = TenantApi.organization(unique("Other Clinic"));
        admin = TenantApi.user(OPERATOR, organization, "admin", "ORG_ADMIN");
        analyst = TenantApi.user(admin, organization, "analyst", "EHR_ANALYST");
        otherAnalyst = TenantApi.user(admin, organization, "analyst2", "EHR_ANALYST");
        otherAdmin = TenantApi.user(OPERATOR, otherOrganization, "otheradmin", "ORG_ADMIN");
    }

    private static String url() {
        return "https://" + unique("ehr") + ".example.org/interconnect/api/FHIR/R4";
    }

    private static String endpoints() {
        return "/api/organizations/" + organization + "/endpoints";
    }

    private static long total(User user) {
        return Http.json(get(user, endpoints() + "?max=1")).getJsonNumber("total").longValue();
    }

    @Test
    void theApprovalWalkThroughTheApi() {
        String baseUrl = url();
        HttpResponse<String> created = post(admin, endpoints(),
                endpointBody(baseUrl + "/", "test", " Cardiology ", analyst.username(), false));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject draft = Http.json(created);
        String id = draft.getString("id");
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(draft.getString("baseUrl")).isEqualTo(baseUrl);
        assertThat(draft.getString("environment")).isEqualTo("TEST");
        assertThat(draft.getString("label")).isEqualTo("Cardiology");
        assertThat(draft.getString("approver")).isEqualTo(analyst.username());
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/endpoints/" + id));
        assertThat(created.headers().firstValue("ETag")).contains("\"" + draft.getJsonNumber("version") + "\"");

        JsonObject page = Http.json(get(analyst, endpoints() + "?first=0&max=200"));
        assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(e -> e.getString("id"))
                .contains(id);

        JsonObject submitted = Http.json(post(admin, "/api/endpoints/" + id + "/submission", null));
        assertThat(submitted.getString("status")).isEqualTo("AWAITING_APPROVAL");

        HttpResponse<String> rejected = post(analyst, "/api/endpoints/" + id + "/rejection",
                "{\"reason\":\"Wrong department\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(Http.json(rejected).getString("status")).isEqualTo("REJECTED");

        HttpResponse<String> read = get(admin, "/api/endpoints/" + id);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> edited = put(admin, "/api/endpoints/" + id, etag,
                endpointBody(baseUrl, "TEST", "Cardiology West", analyst.username(), null));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(Http.json(edited).getString("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(Http.json(edited).getString("label")).isEqualTo("Cardiology West");

        long version = Http.json(edited).getJsonNumber("version").longValue();
        HttpResponse<String> editedByBodyVersion = put(admin, "/api/endpoints/" + id, null,
                "{\"baseUrl\":\"" + baseUrl + "\",\"environment\":\"TEST\",\"label\":\"Cardiology East\","
                        + "\"approver\":\"" + analyst.username() + "\",\"version\":" + version + "}");
        assertThat(editedByBodyVersion.statusCode()).as(editedByBodyVersion.body()).isEqualTo(200);

        HttpResponse<String> withdrawn = post(admin, "/api/endpoints/" + id + "/withdrawal",
                "{\"reason\":\"Department closed\"}");
        assertThat(Http.json(withdrawn).getString("status")).isEqualTo("WITHDRAWN");

        JsonObject last = read(analyst, id);
        assertThat(last.getJsonArray("history").getValuesAs(JsonObject.class)).extracting(h -> h.getString("action"))
                .containsExactly("CREATE", "SUBMIT", "REJECT", "EDIT", "EDIT", "WITHDRAW");
        assertThat(last.getJsonArray("history").getJsonObject(2).getString("reason")).isEqualTo("Wrong department");
        assertThat(last.getJsonArray("history").getJsonObject(2).getString("actor")).isEqualTo(analyst.username());
    }

    @Test
    void registeredAndSubmittedAtOnce() {
        JsonObject endpoint = endpoint(admin, organization, url(), "PRODUCTION", analyst.username(), true);
        assertThat(endpoint.getString("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(endpoint.getJsonArray("history")).hasSize(2);
    }

    @Test
    void aMetadataAddressIs400NamingBaseUrl() {
        long before = total(admin);
        HttpResponse<String> response = post(admin, endpoints(),
                endpointBody("http://169.254.169.254/", "TEST", null, analyst.username(), false));
        assertProblem(response, 400);
        assertThat(field(response)).isEqualTo("baseUrl");
        assertThat(detail(response)).contains("169.254.169.254");
        assertThat(total(admin)).isEqualTo(before);
    }

    @Test
    void anUnknownEnvironmentListsTheAcceptedOnes() {
        long before = total(admin);
        HttpResponse<String> response = post(admin, endpoints(),
                endpointBody(url(), "STAGING", null, analyst.username(), false));
        assertProblem(response, 400);
        assertThat(field(response)).isEqualTo("environment");
        assertThat(detail(response)).contains("TEST, PRODUCTION");
        assertThat(total(admin)).isEqualTo(before);
    }

    @Test
    void aMissingApproverOrEnvironmentIs400NamingTheField() {
        long before = total(admin);
        HttpResponse<String> noApprover = post(admin, endpoints(), endpointBody(url(), "TEST", null, null, false));
        assertProblem(noApprover, 400);
        assertThat(field(noApprover)).isEqualTo("approver");
        assertThat(detail(noApprover)).isEqualTo("The approver's portal username is required.");

        HttpResponse<String> noEnvironment = post(admin, endpoints(),
                endpointBody(url(), null, null, analyst.username(), false));
        assertProblem(noEnvironment, 400);
        assertThat(field(noEnvironment)).isEqualTo("environment");

        assertProblem(post(admin, endpoints(), "not json"), 400);
        assertThat(total(admin)).isEqualTo(before);
    }

    @Test
    void onlyAnAdminOfTheOrganizationRegisters() {
        long before = total(admin);
        HttpResponse<String> byOperator = post(OPERATOR, endpoints(),
                endpointBody(url(), "TEST", null, analyst.username(), false));
        assertProblem(byOperator, 403);
        assertThat(detail(byOperator)).contains("Only an administrator (ORG_ADMIN)");
        HttpResponse<String> byOtherAdmin = post(otherAdmin, endpoints(),
                endpointBody(url(), "TEST", null, analyst.username(), false));
        assertProblem(byOtherAdmin, 400);
        assertThat(field(byOtherAdmin)).isEqualTo("organizationId");
        assertThat(total(admin)).isEqualTo(before);
    }

    @Test
    void aDuplicateUrlIs409() {
        String baseUrl = url();
        endpoint(admin, organization, baseUrl, "TEST", analyst.username(), false);
        long before = total(admin);
        HttpResponse<String> again = post(admin, endpoints(),
                endpointBody(baseUrl.toUpperCase().replace("HTTPS://", "https://").replace("/INTERCONNECT/API/FHIR/R4",
                        "/interconnect/api/FHIR/R4"), "TEST", null, analyst.username(), false));
        assertProblem(again, 409);
        assertThat(detail(again)).contains("already has a test endpoint");
        assertThat(total(admin)).isEqualTo(before);
    }

    @Test
    void aStaleVersionIs409AndChangesNothing() {
        JsonObject endpoint = endpoint(admin, organization, url(), "TEST", analyst.username(), true);
        String id = endpoint.getString("id");
        long version = endpoint.getJsonNumber("version").longValue();
        HttpResponse<String> first = put(admin, "/api/endpoints/" + id, "\"" + version + "\"",
                endpointBody(endpoint.getString("baseUrl"), "TEST", "First edit", analyst.username(), null));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String after = get(admin, "/api/endpoints/" + id).body();

        HttpResponse<String> stale = put(admin, "/api/endpoints/" + id, "\"" + version + "\"",
                endpointBody(endpoint.getString("baseUrl"), "TEST", "Second edit", analyst.username(), null));
        assertProblem(stale, 409);
        assertThat(detail(stale)).contains("Someone else changed this endpoint");
        assertThat(get(admin, "/api/endpoints/" + id).body()).isEqualTo(after);

        HttpResponse<String> noVersion = put(admin, "/api/endpoints/" + id, null,
                endpointBody(endpoint.getString("baseUrl"), "TEST", "Third edit", analyst.username(), null));
        assertProblem(noVersion, 428);
        assertThat(detail(noVersion)).contains("If-Match");

        HttpResponse<String> garbage = put(admin, "/api/endpoints/" + id, "yesterday",
                endpointBody(endpoint.getString("baseUrl"), "TEST", "Fourth edit", analyst.username(), null));
        assertProblem(garbage, 400);
        assertThat(get(admin, "/api/endpoints/" + id).body()).isEqualTo(after);
    }

    @Test
    void theWrongApproverIs403AndChangesNothing() {
        JsonObject endpoint = endpoint(admin, organization, url(), "TEST", analyst.username(), true);
        String id = endpoint.getString("id");
        String before = get(admin, "/api/endpoints/" + id).body();

        HttpResponse<String> byOtherAnalyst = post(otherAnalyst, "/api/endpoints/" + id + "/rejection",
                "{\"reason\":\"Not mine\"}");
        assertProblem(byOtherAnalyst, 403);
        assertThat(detail(byOtherAnalyst)).startsWith("Only the approver named for this endpoint");
        HttpResponse<String> byAdmin = post(admin, "/api/endpoints/" + id + "/rejection", "{\"reason\":\"Mine\"}");
        assertProblem(byAdmin, 403);
        HttpResponse<String> approveByOther = post(otherAnalyst, "/api/endpoints/" + id + "/approval", null);
        assertProblem(approveByOther, 403);

        assertThat(get(admin, "/api/endpoints/" + id).body()).isEqualTo(before);
    }

    @Test
    void approvingBeforeTheEhrSignInIs409AndARejectionNeedsAReason() {
        JsonObject endpoint = endpoint(admin, organization, url(), "TEST", analyst.username(), true);
        String id = endpoint.getString("id");
        String before = get(admin, "/api/endpoints/" + id).body();

        HttpResponse<String> approve = post(analyst, "/api/endpoints/" + id + "/approval", null);
        assertProblem(approve, 409);
        assertThat(detail(approve)).contains("AWAITING_APPROVAL").contains("cannot be approved");

        HttpResponse<String> noReason = post(analyst, "/api/endpoints/" + id + "/rejection", "{}");
        assertProblem(noReason, 400);
        assertThat(field(noReason)).isEqualTo("reason");
        HttpResponse<String> blank = post(analyst, "/api/endpoints/" + id + "/rejection", "{\"reason\":\"   \"}");
        assertProblem(blank, 400);

        HttpResponse<String> submitAgain = post(admin, "/api/endpoints/" + id + "/submission", null);
        assertProblem(submitAgain, 409);

        assertThat(get(admin, "/api/endpoints/" + id).body()).isEqualTo(before);
    }

    @Test
    void anotherOrganizationsEndpointIs404AndUnchanged() {
        JsonObject endpoint = endpoint(admin, organization, url(), "TEST", analyst.username(), false);
        String id = endpoint.getString("id");
        String before = get(admin, "/api/endpoints/" + id).body();

        HttpResponse<String> read = get(otherAdmin, "/api/endpoints/" + id);
        assertProblem(read, 404);
        HttpResponse<String> unknown = get(otherAdmin, "/api/endpoints/" + UUID.randomUUID());
        assertProblem(unknown, 404);
        assertThat(detail(read)).startsWith("There is no FHIR endpoint with the id " + id);
        assertProblem(put(otherAdmin, "/api/endpoints/" + id, "\"" + endpoint.getJsonNumber("version") + "\"",
                endpointBody(url(), "TEST", null, analyst.username(), null)), 404);
        assertProblem(post(otherAdmin, "/api/endpoints/" + id + "/submission", null), 404);
        assertProblem(post(otherAdmin, "/api/endpoints/" + id + "/withdrawal", "{\"reason\":\"Mine now\"}"), 404);
        assertProblem(get(admin, "/api/endpoints/not-a-uuid"), 404);

        JsonObject othersList = Http.json(get(otherAdmin, endpoints()));
        assertThat(othersList.getJsonNumber("total").longValue()).isZero();

        assertThat(get(admin, "/api/endpoints/" + id).body()).isEqualTo(before);
    }

    @Test
    void withoutCredentialsIs401AndChangesNothing() {
        JsonObject endpoint = endpoint(admin, organization, url(), "TEST", analyst.username(), false);
        String id = endpoint.getString("id");
        String before = get(admin, "/api/endpoints/" + id).body();
        long count = total(admin);

        HttpResponse<String> read = get(null, "/api/endpoints/" + id);
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(read.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(post(null, "/api/endpoints/" + id + "/submission", null).statusCode()).isEqualTo(401);
        assertThat(post(null, endpoints(), endpointBody(url(), "TEST", null, analyst.username(), true)).statusCode())
                .isEqualTo(401);
        HttpResponse<String> wrongPassword = get(new User(admin.username(), "not the password"), "/api/endpoints/" + id);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        assertThat(get(admin, "/api/endpoints/" + id).body()).isEqualTo(before);
        assertThat(total(admin)).isEqualTo(count);
    }

    @Test
    void pageSizeOutOfRangeIs400() {
        assertProblem(get(admin, endpoints() + "?max=1000"), 400);
        assertProblem(get(admin, endpoints() + "?first=-1"), 400);
    }

    @Test
    void theOpenApiDocumentSaysHowToSendTheExpectedVersion() {
        HttpResponse<String> openapi = get(null, "/openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/endpoints/{id}").contains("/api/organizations/{organizationId}/endpoints")
                .contains("/api/organizations/{organizationId}/users").contains("If-Match");
    }

    @Test
    void aUrlAnotherOrganizationUsesIsRegisteredOnlyAsASharedEhrAndTheOperatorSeesWhoShares() {
        String firstName = unique("Community Connect Host");
        String secondName = unique("Community Connect Affiliate");
        String first = TenantApi.organization(firstName);
        String second = TenantApi.organization(secondName);
        User firstAdmin = TenantApi.user(OPERATOR, first, "hostadmin", "ORG_ADMIN");
        User secondAdmin = TenantApi.user(OPERATOR, second, "affadmin", "ORG_ADMIN");
        String shared = url();
        String firstId = Http.json(post(firstAdmin, "/api/organizations/" + first + "/endpoints",
                endpointBody(shared, "PRODUCTION", null, "host.analyst", false))).getString("id");
        String secondEndpoints = "/api/organizations/" + second + "/endpoints";

        // not confirmed: refused, naming no organization and nothing of it
        HttpResponse<String> refused = post(secondAdmin, secondEndpoints,
                endpointBody(shared + "/", "PRODUCTION", null, "aff.analyst", true));
        assertProblem(refused, 409);
        assertThat(detail(refused)).contains("already registered by another organization on this installation")
                .contains("shared EHR").contains(shared);
        assertThat(refused.body()).doesNotContain(firstName).doesNotContain(first).doesNotContain(firstId)
                .doesNotContain("DRAFT");
        assertThat(Http.json(get(secondAdmin, secondEndpoints)).getJsonNumber("total").longValue()).isZero();

        // confirmed: registered, the choice in its history; its own people learn nothing of the other organization
        HttpResponse<String> created = post(secondAdmin, secondEndpoints,
                TenantApi.sharedEndpointBody(shared, "PRODUCTION", null, "aff.analyst", true));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject affiliate = Http.json(created);
        assertThat(affiliate.getBoolean("sharedEhr")).isTrue();
        assertThat(affiliate.getJsonArray("history").getJsonObject(0).getString("reason"))
                .startsWith("Confirmed as a shared EHR");
        assertThat(affiliate.containsKey("sharedWith")).isFalse();
        String secondId = affiliate.getString("id");
        for (String body : new String[]{created.body(), get(secondAdmin, "/api/endpoints/" + secondId).body(),
                get(secondAdmin, secondEndpoints).body()}) {
            assertThat(body).doesNotContain(firstName).doesNotContain(first).doesNotContain(firstId)
                    .doesNotContain("sharedWith");
        }
        // the host organization's own view is unchanged: it never confirmed anything
        JsonObject host = read(firstAdmin, firstId);
        assertThat(host.getBoolean("sharedEhr")).isFalse();
        assertThat(host.toString()).doesNotContain(secondName).doesNotContain(second);

        // the operator sees both sides of the shared EHR, in the endpoint and in the lists
        JsonObject seenByOperator = read(OPERATOR, secondId);
        assertThat(seenByOperator.getJsonArray("sharedWith")).hasSize(1);
        assertThat(seenByOperator.getJsonArray("sharedWith").getJsonObject(0).getString("id")).isEqualTo(first);
        assertThat(seenByOperator.getJsonArray("sharedWith").getJsonObject(0).getString("name")).isEqualTo(firstName);
        assertThat(read(OPERATOR, firstId).getJsonArray("sharedWith").getJsonObject(0).getString("name"))
                .isEqualTo(secondName);
        JsonObject row = Http.json(get(OPERATOR, "/api/organizations/" + first + "/endpoints")).getJsonArray("items")
                .getJsonObject(0);
        assertThat(row.getJsonArray("sharedWith").getJsonObject(0).getString("name")).isEqualTo(secondName);
        JsonObject own = read(OPERATOR, Http.json(post(secondAdmin, secondEndpoints,
                endpointBody(url(), "TEST", null, "aff.analyst", false))).getString("id"));
        assertThat(own.getJsonArray("sharedWith")).as("a URL nobody else uses").isEmpty();
    }

    @Test
    void editingTheUrlToOneAnotherOrganizationUsesNeedsTheSameConfirmation() {
        String hostName = unique("Oracle Health Domain Host");
        String host = TenantApi.organization(hostName);
        User hostAdmin = TenantApi.user(OPERATOR, host, "dadmin", "ORG_ADMIN");
        String domain = url();
        assertThat(post(hostAdmin, "/api/organizations/" + host + "/endpoints",
                endpointBody(domain, "PRODUCTION", null, "d.analyst", false)).statusCode()).isEqualTo(201);

        JsonObject mine = endpoint(admin, organization, url(), "PRODUCTION", analyst.username(), true);
        String id = mine.getString("id");
        String before = get(admin, "/api/endpoints/" + id).body();
        String etag = "\"" + mine.getJsonNumber("version") + "\"";

        HttpResponse<String> refused = put(admin, "/api/endpoints/" + id, etag,
                endpointBody(domain, "PRODUCTION", "Cardiology", analyst.username(), null));
        assertProblem(refused, 409);
        assertThat(detail(refused)).contains("already registered by another organization");
        assertThat(refused.body()).doesNotContain(hostName).doesNotContain(host);
        assertThat(get(admin, "/api/endpoints/" + id).body()).isEqualTo(before);

        HttpResponse<String> saved = put(admin, "/api/endpoints/" + id, etag,
                TenantApi.sharedEndpointBody(domain, "PRODUCTION", "Cardiology", analyst.username(), null));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonObject edited = Http.json(saved);
        assertThat(edited.getString("baseUrl")).isEqualTo(domain);
        assertThat(edited.getBoolean("sharedEhr")).isTrue();
        assertThat(edited.getString("status")).isEqualTo("AWAITING_APPROVAL");
        JsonObject last = edited.getJsonArray("history").getJsonObject(edited.getJsonArray("history").size() - 1);
        assertThat(last.getString("action")).isEqualTo("EDIT");
        assertThat(last.getString("reason")).startsWith("Changed: base URL").contains("Confirmed as a shared EHR");
    }
}
