package org.openvisit.it.tenant;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.TenantApi.User;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.tenant.TenantApi.OPERATOR;
import static org.openvisit.it.tenant.TenantApi.get;
import static org.openvisit.it.tenant.TenantApi.post;
import static org.openvisit.it.tenant.TenantApi.unique;

/**
 * The approver's EHR sign-in (SMART standalone launch) against the bundled EHR sandbox over real HTTP:
 * portal sign-in, start, the sandbox's sign-in page, the callback, and the endpoint EHR_VERIFIED as the
 * chosen practitioner; then cancelling, a URL that is no SMART server, a reused or unknown state, the
 * wrong user, a sign-in that proves no staff access (a patient, no fhirUser) and an endpoint changed while
 * the analyst was at the EHR (discarded), each leaving the endpoint and its history unchanged, the refusals
 * in the analyst's browser language.
 */
class EhrVerificationIT {

    private static final String PRACTITIONER = "Practitioner/prac-ada-okafor";
    private static final String PATIENT = "Patient/pat-leo-marsh";

    private static String organization;
    private static User admin;
    private static User analyst;

    @BeforeAll
    static void organizationAndPeople() {
        PortalClient.awaitSandbox();
        organization = TenantApi.organization(unique("Verification Clinic"));
        admin = TenantApi.user(OPERATOR, organization, "vadmin", "ORG_ADMIN");
        analyst = TenantApi.user(admin, organization, "vanalyst", "EHR_ANALYST");
    }

    private static String sandboxFhirBase() {
        return SharedServer.sandboxUri() + "fhir";
    }

    private static PortalClient signedIn(User user) {
        PortalClient browser = new PortalClient();
        browser.signIn(user.username(), user.password());
        return browser;
    }

    private static String start(String endpointId) {
        return "/portal/ehr-sign-in/start?endpoint=" + endpointId;
    }

    @Test
    void theApproverSignsInToTheEhrAndTheEndpointIsVerifiedThenApproved() {
        JsonObject endpoint = TenantApi.endpoint(admin, organization, sandboxFhirBase(), "TEST", analyst.username(), true);
        String id = endpoint.getString("id");
        PortalClient browser = signedIn(analyst);

        String authorize = PortalClient.location(browser.get(start(id)));
        assertThat(authorize).startsWith(SharedServer.sandboxUri() + "oauth/authorize?");
        Map<String, String> query = PortalClient.query(authorize);
        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("client_id", "openvisit")
                .containsEntry("scope", "openid fhirUser")
                .containsEntry("aud", sandboxFhirBase())
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", SharedServer.baseUri() + "portal/ehr-sign-in/callback");
        assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(query.get("nonce")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(query.get("code_challenge")).hasSize(43);

        HttpResponse<String> signInPage = browser.get(URI.create(authorize));
        assertThat(signInPage.statusCode()).as(signInPage.body()).isEqualTo(200);
        assertThat(signInPage.body()).contains(PRACTITIONER);
        Map<String, String> form = new java.util.LinkedHashMap<>(PortalClient.hiddenFields(signInPage.body()));
        assertThat(form).containsEntry("state", query.get("state"));
        form.put("user", PRACTITIONER);
        form.put("patient", "");
        String callback = PortalClient.location(browser.postForm(SharedServer.sandboxUri().resolve("oauth/authorize"), form));
        assertThat(callback).startsWith(SharedServer.baseUri() + "portal/ehr-sign-in/callback?");
        assertThat(PortalClient.query(callback)).containsKey("code").containsEntry("state", query.get("state"));

        String landed = PortalClient.location(browser.get(URI.create(callback)));
        assertThat(landed).endsWith("/endpoint.xhtml?id=" + id + "&verified=true");

        JsonObject verified = TenantApi.read(analyst, id);
        assertThat(verified.getString("status")).isEqualTo("EHR_VERIFIED");
        assertThat(verified.getString("ehrUserId")).isEqualTo(PRACTITIONER);
        assertThat(verified.getString("ehrVerifiedAt")).isNotBlank();
        JsonObject last = verified.getJsonArray("history").getJsonObject(verified.getJsonArray("history").size() - 1);
        assertThat(last.getString("action")).isEqualTo("RECORD_EHR_VERIFICATION");
        assertThat(last.getString("actor")).isEqualTo(analyst.username());

        // the same callback again: the state was used up
        String before = get(analyst, "/api/endpoints/" + id).body();
        HttpResponse<String> replay = browser.get(URI.create(callback));
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("completed already");
        assertThat(get(analyst, "/api/endpoints/" + id).body()).isEqualTo(before);

        HttpResponse<String> approved = post(analyst, "/api/endpoints/" + id + "/approval", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(Http.json(approved).getString("status")).isEqualTo("APPROVED");
        assertThat(Http.json(approved).getBoolean("inService")).isTrue();

        // nothing of the sign-in but the fact, the time and the EHR user is kept or logged
        String code = PortalClient.query(callback).get("code");
        assertThat(approved.body()).doesNotContain(code).doesNotContain(query.get("state"));
        assertThat(serverLog()).doesNotContain(code).doesNotContain(query.get("state"))
                .doesNotContain(query.get("code_challenge"));
    }

    @Test
    void aCodeTheEhrDoesNotAcceptIsATokenEndpointErrorAndChangesNothing() {
        // an organization of its own: the sandbox's URL is registered in both environments above
        String tokenOrganization = TenantApi.organization(unique("Token Clinic"));
        User tokenAdmin = TenantApi.user(OPERATOR, tokenOrganization, "tadmin", "ORG_ADMIN");
        User tokenAnalyst = TenantApi.user(tokenAdmin, tokenOrganization, "tanalyst", "EHR_ANALYST");
        String id = TenantApi.endpoint(tokenAdmin, tokenOrganization, sandboxFhirBase(), "TEST",
                tokenAnalyst.username(), true).getString("id");
        String before = get(tokenAnalyst, "/api/endpoints/" + id).body();
        PortalClient browser = signedIn(tokenAnalyst);
        String authorize = PortalClient.location(browser.get(start(id)));
        Map<String, String> query = PortalClient.query(authorize);
        HttpResponse<String> signInPage = browser.get(URI.create(authorize));
        Map<String, String> form = new java.util.LinkedHashMap<>(PortalClient.hiddenFields(signInPage.body()));
        form.put("user", PRACTITIONER);
        String callback = PortalClient.location(browser.postForm(SharedServer.sandboxUri().resolve("oauth/authorize"), form));
        String code = PortalClient.query(callback).get("code");

        String landed = PortalClient.location(browser.get("/portal/ehr-sign-in/callback?code=" + code
                + "x&state=" + query.get("state")));
        assertThat(landed).endsWith("/endpoint.xhtml?id=" + id + "&ehrSignInError=token_error");
        assertThat(message(browser)).contains("token endpoint").contains("invalid_grant");
        assertThat(get(tokenAnalyst, "/api/endpoints/" + id).body()).isEqualTo(before);
    }

    @Test
    void cancellingAtTheEhrLeavesTheEndpointUnchangedAndSaysSo() {
        JsonObject endpoint = TenantApi.endpoint(admin, organization, sandboxFhirBase(), "PRODUCTION",
                analyst.username(), true);
        String id = endpoint.getString("id");
        String before = get(analyst, "/api/endpoints/" + id).body();
        PortalClient browser = signedIn(analyst);
        String authorize = PortalClient.location(browser.get(start(id)));
        String state = PortalClient.query(authorize).get("state");

        // The sandbox's sign-in page has no cancel button; an EHR answers a cancel this way (RFC 6749 4.1.2.1).
        String landed = PortalClient.location(browser.get("/portal/ehr-sign-in/callback?error=access_denied"
                + "&error_description=The+user+cancelled&state=" + state));
        assertThat(landed).endsWith("/endpoint.xhtml?id=" + id + "&ehrSignInError=cancelled");
        assertThat(message(browser)).startsWith("You cancelled the sign-in at the EHR");
        assertThat(browser.get("/portal/ehr-sign-in/message").statusCode()).as("shown once").isEqualTo(204);
        assertThat(get(analyst, "/api/endpoints/" + id).body()).isEqualTo(before);

        // the state of the cancelled sign-in cannot be used again either
        assertThat(browser.get("/portal/ehr-sign-in/callback?code=anything&state=" + state).statusCode())
                .isEqualTo(400);
        assertThat(get(analyst, "/api/endpoints/" + id).body()).isEqualTo(before);
    }

    @Test
    void aUrlThatIsNoSmartServerIsExplainedAndChangesNothing() {
        JsonObject endpoint = TenantApi.endpoint(admin, organization, SharedServer.baseUri() + "api", "TEST",
                analyst.username(), true);
        String id = endpoint.getString("id");
        String before = get(analyst, "/api/endpoints/" + id).body();
        PortalClient browser = signedIn(analyst);

        String landed = PortalClient.location(browser.get(start(id)));
        assertThat(landed).endsWith("/endpoint.xhtml?id=" + id + "&ehrSignInError=not_smart");
        assertThat(message(browser)).contains("does not lead to a SMART on FHIR server")
                .contains(".well-known/smart-configuration");
        assertThat(get(analyst, "/api/endpoints/" + id).body()).isEqualTo(before);
    }

    @Test
    void anUnknownOrMissingStateIsRefused() {
        JsonObject endpoint = TenantApi.endpoint(admin, organization, "https://" + unique("ehr") + ".example.org/fhir",
                "TEST", analyst.username(), true);
        String id = endpoint.getString("id");
        String before = get(analyst, "/api/endpoints/" + id).body();
        PortalClient browser = signedIn(analyst);

        HttpResponse<String> unknown = browser.get("/portal/ehr-sign-in/callback?code=abc&state=made-up-state-value");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown to OpenVisit");
        HttpResponse<String> missing = browser.get("/portal/ehr-sign-in/callback?code=abc");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("without the state");
        assertThat(get(analyst, "/api/endpoints/" + id).body()).isEqualTo(before);
    }

    @Test
    void onlyTheNamedApproverOfAnEndpointAwaitingApprovalStarts() {
        JsonObject awaiting = TenantApi.endpoint(admin, organization, "https://" + unique("ehr") + ".example.org/fhir",
                "TEST", analyst.username(), true);
        JsonObject draft = TenantApi.endpoint(admin, organization, "https://" + unique("ehr") + ".example.org/fhir",
                "TEST", analyst.username(), false);
        String beforeAwaiting = get(analyst, "/api/endpoints/" + awaiting.getString("id")).body();
        String beforeDraft = get(analyst, "/api/endpoints/" + draft.getString("id")).body();

        HttpResponse<String> byAdmin = signedIn(admin).get(start(awaiting.getString("id")));
        assertThat(byAdmin.statusCode()).isEqualTo(403);
        assertThat(byAdmin.body()).contains("Only the approver named for this endpoint");

        PortalClient browser = signedIn(analyst);
        HttpResponse<String> ofDraft = browser.get(start(draft.getString("id")));
        assertThat(ofDraft.statusCode()).isEqualTo(409);
        assertThat(ofDraft.body()).contains("This endpoint is DRAFT");
        assertThat(browser.get(start(java.util.UUID.randomUUID().toString())).statusCode()).isEqualTo(404);
        assertThat(browser.get("/portal/ehr-sign-in/start?endpoint=nonsense").statusCode()).isEqualTo(404);

        HttpResponse<String> anonymous = new PortalClient().get(start(awaiting.getString("id")));
        assertThat(PortalClient.location(anonymous)).contains("/sign-in.xhtml");

        assertThat(get(analyst, "/api/endpoints/" + awaiting.getString("id")).body()).isEqualTo(beforeAwaiting);
        assertThat(get(analyst, "/api/endpoints/" + draft.getString("id")).body()).isEqualTo(beforeDraft);
    }

    /** Walks the sandbox's sign-in page from the start servlet and answers the callback address it sends back. */
    private static String signInAtTheSandbox(PortalClient browser, String start, String user, String fhirUser) {
        String authorize = PortalClient.location(browser.get(start));
        assertThat(authorize).startsWith(SharedServer.sandboxUri() + "oauth/authorize?");
        HttpResponse<String> signInPage = browser.get(URI.create(authorize));
        assertThat(signInPage.body()).contains(user).contains("name=\"fhirUser\"");
        Map<String, String> form = new java.util.LinkedHashMap<>(PortalClient.hiddenFields(signInPage.body()));
        form.put("user", user);
        form.put("fhirUser", fhirUser);
        String callback = PortalClient.location(browser.postForm(SharedServer.sandboxUri().resolve("oauth/authorize"),
                form));
        assertThat(callback).startsWith(SharedServer.baseUri() + "portal/ehr-sign-in/callback?");
        return callback;
    }

    /** An organization of its own with an administrator and an analyst: the sandbox URL is registered once per environment. */
    private record Clinic(String organization, User admin, User analyst) {
        static Clinic create(String name) {
            String organization = TenantApi.organization(unique(name));
            User admin = TenantApi.user(OPERATOR, organization, "cadmin", "ORG_ADMIN");
            return new Clinic(organization, admin, TenantApi.user(admin, organization, "canalyst", "EHR_ANALYST"));
        }

        String sandboxEndpoint() {
            return TenantApi.endpoint(admin, organization, sandboxFhirBase(), "TEST", analyst.username(), true)
                    .getString("id");
        }
    }

    private static void assertNothingRecorded(User analyst, String id, String before) {
        JsonObject now = TenantApi.read(analyst, id);
        assertThat(now.getString("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(!now.containsKey("ehrUserId") || now.isNull("ehrUserId")).isTrue();
        assertThat(now.getJsonArray("history").stream().map(h -> h.asJsonObject().getString("action")))
                .doesNotContain("RECORD_EHR_VERIFICATION");
        if (before != null) {
            assertThat(get(analyst, "/api/endpoints/" + id).body()).isEqualTo(before);
        }
    }

    @Test
    void aPatientSignInIsRefusedInTheAnalystsLanguageAndNothingIsRecorded() {
        Clinic clinic = Clinic.create("Patient Sign-in Clinic");
        User analyst = clinic.analyst();
        String id = clinic.sandboxEndpoint();
        String before = get(analyst, "/api/endpoints/" + id).body();
        PortalClient browser = signedIn(analyst).speaking("ru-RU,ru;q=0.9,en;q=0.5");

        String callback = signInAtTheSandbox(browser, start(id), PATIENT, "share");
        HttpResponse<String> landed = browser.get(URI.create(callback));
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(PortalClient.location(landed)).endsWith("/endpoint.xhtml?id=" + id + "&ehrSignInError=not_staff");
        assertThat(message(browser)).startsWith("Вы вошли в ЭМК с учётной записью пациента")
                .contains("Ничего не записано").doesNotContain(PATIENT);
        assertNothingRecorded(analyst, id, before);
        // the patient's id is neither logged nor kept
        assertThat(serverLog()).doesNotContain("refused: no staff access (" + PATIENT)
                .contains("refused: no staff access (PATIENT)");

        // the same analyst then signs in as themselves: verified
        String again = signInAtTheSandbox(browser, start(id), PRACTITIONER, "share");
        assertThat(PortalClient.location(browser.get(URI.create(again)))).endsWith("&verified=true");
        assertThat(TenantApi.read(analyst, id).getString("ehrUserId")).isEqualTo(PRACTITIONER);
    }

    @Test
    void aSignInWithoutFhirUserIsRefusedAndNothingIsRecorded() {
        Clinic clinic = Clinic.create("No FhirUser Clinic");
        User analyst = clinic.analyst();
        String id = clinic.sandboxEndpoint();
        String before = get(analyst, "/api/endpoints/" + id).body();
        PortalClient browser = signedIn(analyst);

        String callback = signInAtTheSandbox(browser, start(id), PRACTITIONER, "withhold");
        assertThat(PortalClient.location(browser.get(URI.create(callback))))
                .endsWith("/endpoint.xhtml?id=" + id + "&ehrSignInError=not_staff");
        assertThat(message(browser)).startsWith("The EHR signed you in but did not say which of its users you are")
                .contains("fhirUser").contains("Nothing was recorded");
        assertNothingRecorded(analyst, id, before);
    }

    @Test
    void anEndpointWhoseUrlWasEditedWhileTheAnalystSignedInIsNotVerified() {
        Clinic clinic = Clinic.create("Edited Clinic");
        User analyst = clinic.analyst();
        User admin = clinic.admin();
        JsonObject endpoint = TenantApi.read(admin, clinic.sandboxEndpoint());
        String id = endpoint.getString("id");
        PortalClient browser = signedIn(analyst).speaking("zh-CN,zh;q=0.9");
        String callback = signInAtTheSandbox(browser, start(id), PRACTITIONER, "share");

        // meanwhile the administrator points the endpoint at another address (the sandbox by its other name)
        String otherName = sandboxFhirBase().replace("127.0.0.1", "localhost");
        HttpResponse<String> edited = TenantApi.put(admin, "/api/endpoints/" + id, "\"" + endpoint.getJsonNumber("version")
                + "\"", TenantApi.sharedEndpointBody(otherName, "TEST", "Cardiology", analyst.username(), null));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        String before = get(analyst, "/api/endpoints/" + id).body();

        assertThat(PortalClient.location(browser.get(URI.create(callback))))
                .endsWith("/endpoint.xhtml?id=" + id + "&ehrSignInError=endpoint_changed");
        assertThat(message(browser)).contains("FHIR 基础地址已被改为 " + otherName)
                .contains("在您于 " + sandboxFhirBase() + " 登录期间").contains("未记录任何内容");
        assertNothingRecorded(analyst, id, before);
        JsonObject now = TenantApi.read(analyst, id);
        assertThat(now.getString("baseUrl")).isEqualTo(otherName);
        JsonObject last = now.getJsonArray("history").getJsonObject(now.getJsonArray("history").size() - 1);
        assertThat(last.getString("action")).isEqualTo("EDIT");
    }

    @Test
    void anEndpointWithdrawnWhileTheAnalystSignedInIsNotVerified() {
        Clinic clinic = Clinic.create("Withdrawn Clinic");
        User analyst = clinic.analyst();
        String id = clinic.sandboxEndpoint();
        PortalClient browser = signedIn(analyst);
        String callback = signInAtTheSandbox(browser, start(id), PRACTITIONER, "share");
        HttpResponse<String> withdrawn = post(clinic.admin(), "/api/endpoints/" + id + "/withdrawal", "{\"reason\":\"wrong clinic\"}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        String before = get(analyst, "/api/endpoints/" + id).body();

        assertThat(PortalClient.location(browser.get(URI.create(callback))))
                .endsWith("&ehrSignInError=endpoint_changed");
        assertThat(message(browser)).isEqualTo("The endpoint was changed while you were signing in to the EHR: it is "
                + "now \"Withdrawn\". Your sign-in was discarded and nothing was recorded.");
        assertThat(get(analyst, "/api/endpoints/" + id).body()).isEqualTo(before);
        assertThat(TenantApi.read(analyst, id).getString("status")).isEqualTo("WITHDRAWN");
    }

    private static String serverLog() {
        try {
            return SharedServer.logText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(PortalClient browser) {
        HttpResponse<String> response = browser.get("/portal/ehr-sign-in/message");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.parse(response.body()).asJsonObject().getString("message");
    }
}
