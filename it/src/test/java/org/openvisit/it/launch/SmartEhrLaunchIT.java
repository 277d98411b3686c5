package org.openvisit.it.launch;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMART EHR launch over real HTTP: the sandbox's "Begin virtual visit" -> OpenVisit /launch -> the
 * sandbox's authorize -> /launch/callback -> the visit page (clinician) or the lobby (patient), against
 * the demo organization seeded in development mode; and each refusal with its status, page and audit row.
 */
@org.junit.jupiter.api.parallel.Isolated("the token fault switch fails the next token request of the shared sandbox, whoever makes it")
class SmartEhrLaunchIT {

    private static String sandbox(String path) {
        return SharedServer.sandboxUri().resolve(path).toString();
    }

    /** Presses "Begin virtual visit" on the sandbox as {@code user} for {@code appointment}: OpenVisit's /launch URL. */
    private static URI beginVirtualVisit(LaunchBrowser browser, String user, String appointment) {
        HttpResponse<String> response = browser.get(URI.create(sandbox("ehr/launch?user="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&appointment=" + appointment)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        URI launch = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(launch.getPath()).startsWith("/launch/e/demo");
        return launch;
    }

    private static HttpResponse<String> launch(LaunchBrowser browser, String user, String appointment) {
        return browser.follow(beginVirtualVisit(browser, user, appointment), null);
    }

    private static URI last(LaunchBrowser browser) {
        return browser.visited.get(browser.visited.size() - 1);
    }

    @Test
    void aClinicianLandsOnTheVisitPageAndASecondLaunchFindsTheSameVisit() {
        LaunchBrowser ada = new LaunchBrowser();
        HttpResponse<String> page = launch(ada, "Practitioner/prac-ada-okafor", "appt-1003");
        URI landed = last(ada);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(landed.getPath()).matches("/visit/[0-9a-f-]{36}");
        assertThat(page.body()).contains("Virtual visit", "Practitioner/prac-ada-okafor", "SCHEDULED");
        assertThat(page.body()).doesNotContain("pat-", "appt-1003", "enc-1003");
        // the department by its name in the EHR (Location.name, read with the launch's token), not its id
        assertThat(page.body()).contains("<dd id=\"department\"><span translate=\"no\">Riverside Virtual Care</span>");
        // and the visit's report row has the name at once, not only after the visit's next event (issue 17)
        String visitId = landed.getPath().substring("/visit/".length());
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        HttpResponse<String> rows = Http.getAsOperator(LaunchBrowser.at("/api/reports/visits?org=" + DemoOrganization.id()
                + "&from=" + today.minusDays(2) + "&to=" + today.plusDays(2) + "&max=200"));
        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
        assertThat(Http.json(rows).getJsonArray("rows").getValuesAs(JsonObject.class))
                .filteredOn(row -> row.getString("visitId").equals(visitId)).singleElement()
                .satisfies(row -> assertThat(row.getString("departmentName")).isEqualTo("Riverside Virtual Care"));
        // when the appointment is booked for, read from the EHR with the launch's token (30 minutes in the sandbox)
        java.util.regex.Matcher booked = java.util.regex.Pattern.compile(
                "id=\"appointmentTime\" data-start=\"([0-9T:Z-]+)\" data-end=\"([0-9T:Z-]+)\"").matcher(page.body());
        assertThat(booked.find()).as(page.body()).isTrue();
        assertThat(java.time.Duration.between(java.time.Instant.parse(booked.group(1)),
                java.time.Instant.parse(booked.group(2)))).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(page.headers().firstValue("Server-Timing")).as("the visit page says what it cost")
                .hasValueSatisfying(t -> assertThat(t).matches("ehr;dur=0\\.000, app;dur=[0-9.]+, cpu;dur=[0-9.]+"));
        // the authorize request went to the sandbox with the launch, PKCE and the minimal scopes
        URI authorize = ada.visited.stream().filter(u -> u.getPath().endsWith("/authorize")).findFirst().orElseThrow();
        Map<String, String> query = query(authorize);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "openvisit")
                .containsEntry("scope", "launch openid fhirUser launch/encounter user/Appointment.r user/Encounter.r user/Location.r").containsEntry("code_challenge_method", "S256")
                .containsKeys("launch", "state", "code_challenge", "nonce", "aud");
        assertThat(query.get("redirect_uri")).endsWith("/launch/callback");
        assertThat(query.get("state").length()).isGreaterThanOrEqualTo(22); // >= 128 bits in base64url

        LaunchBrowser ben = new LaunchBrowser();
        HttpResponse<String> second = launch(ben, "Practitioner/prac-ben-lindqvist", "appt-1003");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(last(ben)).isEqualTo(landed);
        assertThat(second.body()).contains("Practitioner/prac-ada-okafor", "Practitioner/prac-ben-lindqvist");

        // only the browser that launched sees the visit page
        HttpResponse<String> stranger = new LaunchBrowser().get(landed);
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.body()).contains("Open the visit from the EHR");

        assertThat(DemoOrganization.auditRows()).anySatisfy(row -> {
            assertThat(row.getString("outcome")).isEqualTo("ACCEPTED");
            assertThat(row.getString("reasonCode")).isEqualTo("PROVIDER_LAUNCH");
            assertThat(row.getString("ehrUserId")).isEqualTo("Practitioner/prac-ada-okafor");
            assertThat(landed.getPath()).endsWith(row.getString("visitId"));
        });
    }

    @Test
    void thePatientLandsInTheLobbyOfTheSameVisitAndIsNotRecorded() {
        LaunchBrowser clinician = new LaunchBrowser();
        launch(clinician, "Practitioner/prac-ada-okafor", "appt-1002");
        URI visitPage = last(clinician);

        LaunchBrowser patient = new LaunchBrowser();
        HttpResponse<String> lobby = launch(patient, "Patient/pat-mia-fontaine", "appt-1002");
        assertThat(lobby.statusCode()).as(lobby.body()).isEqualTo(200);
        assertThat(last(patient).getPath()).isEqualTo(visitPage.getPath() + "/lobby");
        assertThat(lobby.body()).contains("Your virtual visit", "will let you in");
        // the patient may not open the clinician's page of another visit
        assertThat(patient.get(URI.create(visitPage.toString().replace(
                visitPage.getPath().substring(7), UUID.randomUUID().toString()))).statusCode()).isEqualTo(403);
        String visitId = visitPage.getPath().substring("/visit/".length());
        assertThat(DemoOrganization.auditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("PATIENT_LAUNCH");
            assertThat(row.getString("visitId")).isEqualTo(visitId);
            assertThat(row.get("ehrUserId")).isIn(null, jakarta.json.JsonValue.NULL);
        });
        assertThat(auditText()).doesNotContain("pat-mia-fontaine", "appt-1002");
    }

    @Test
    void anUnknownIssuerIsRefusedWithoutAnyOutboundRequest() throws Exception {
        try (ServerSocket ehr = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread listener = new Thread(() -> {
                try {
                    ehr.setSoTimeout(200);
                    while (!ehr.isClosed()) {
                        try (Socket s = ehr.accept()) {
                            connections.incrementAndGet();
                        } catch (SocketTimeoutException again) {
                            // keep listening
                        }
                    }
                } catch (IOException closed) {
                    // done
                }
            });
            listener.start();
            String iss = "http://127.0.0.1:" + ehr.getLocalPort() + "/fhir/" + UUID.randomUUID();
            HttpResponse<String> page = new LaunchBrowser().get(LaunchBrowser.at("/launch?iss="
                    + URLEncoder.encode(iss, StandardCharsets.UTF_8) + "&launch=abc"));
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("Unknown EHR", "UNKNOWN_ISSUER");
            Thread.sleep(500);
            assertThat(connections.get()).as("connections to the unknown issuer").isZero();
            ehr.close();
            listener.join(2000);
            assertThat(operatorAuditRows()).anySatisfy(row -> {
                assertThat(row.getString("reasonCode")).isEqualTo("UNKNOWN_ISSUER");
                assertThat(row.getString("issuer")).isEqualTo(iss);
                assertThat(row.getString("outcome")).isEqualTo("REFUSED");
            });
        }
    }

    @Test
    void anEndpointThatIsNotApprovedIsRefused() {
        String org = createOrganization();
        String adminPassword = "pw-" + UUID.randomUUID();
        String admin = "launch-admin-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> user = Http.send(HttpRequest.newBuilder(LaunchBrowser.at("/api/organizations/" + org + "/users"))
                .header("Authorization", SharedServer.operatorAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", admin)
                        .add("password", adminPassword).add("roles", Json.createArrayBuilder().add("ORG_ADMIN"))
                        .build().toString())));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String url = "https://ehr-" + UUID.randomUUID() + ".example.org/fhir";
        HttpResponse<String> endpoint = Http.send(HttpRequest.newBuilder(LaunchBrowser.at("/api/organizations/" + org
                        + "/endpoints")).header("Authorization", SharedServer.basic(admin, adminPassword))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("baseUrl", url)
                        .add("environment", "TEST").add("approver", admin).add("submit", true).build().toString())));
        assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);

        HttpResponse<String> page = new LaunchBrowser().get(LaunchBrowser.at("/launch?iss="
                + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&launch=abc"));
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("not approved", "ENDPOINT_NOT_APPROVED");
        assertThat(operatorAuditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("ENDPOINT_NOT_APPROVED");
            assertThat(row.getString("issuer")).isEqualTo(url);
        });
    }

    @Test
    void aMissingForgedOrReusedStateIsRefused() {
        LaunchBrowser browser = new LaunchBrowser();
        URI launch = beginVirtualVisit(browser, "Practitioner/prac-ada-okafor", "appt-1001");
        HttpResponse<String> callbackRedirect = browser.follow(launch, "/launch/callback");
        URI callback = last(browser);
        assertThat(callback.getPath()).isEqualTo("/launch/callback");

        HttpResponse<String> missing = browser.get(LaunchBrowser.at("/launch/callback?code=x"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("STATE_MISSING");

        HttpResponse<String> forged = browser.get(LaunchBrowser.at("/launch/callback?code=x&state=forged-" + UUID.randomUUID()));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("STATE_UNKNOWN");

        // another browser cannot complete this browser's launch
        assertThat(new LaunchBrowser().get(callback).statusCode()).isEqualTo(400);

        HttpResponse<String> first = browser.get(callback);
        assertThat(first.statusCode()).isEqualTo(302);
        HttpResponse<String> again = browser.get(callback);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("used already", "STATE_REUSED");
        assertThat(operatorAuditRows()).extracting(r -> r.getString("reasonCode"))
                .contains("STATE_MISSING", "STATE_UNKNOWN", "STATE_REUSED");
        assertThat(callbackRedirect.statusCode()).isEqualTo(302);
    }

    @Test
    void anEhrErrorIsRefused() {
        LaunchBrowser browser = new LaunchBrowser();
        URI launch = beginVirtualVisit(browser, "Practitioner/prac-ada-okafor", "appt-1001");
        HttpResponse<String> toEhr = browser.get(launch);
        assertThat(toEhr.statusCode()).isEqualTo(302);
        String state = query(URI.create(toEhr.headers().firstValue("Location").orElseThrow())).get("state");
        HttpResponse<String> denied = browser.get(LaunchBrowser.at("/launch/callback?error=access_denied&state=" + state));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("did not allow", "EHR_ACCESS_DENIED");
        assertThat(operatorAuditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("EHR_ACCESS_DENIED");
            assertThat(row.getString("organizationId")).isNotBlank();
        });
    }

    @Test
    void aCodeTheTokenEndpointRefusesIsRefused() {
        LaunchBrowser browser = new LaunchBrowser();
        URI launch = beginVirtualVisit(browser, "Practitioner/prac-ada-okafor", "appt-1001");
        HttpResponse<String> toEhr = browser.get(launch);
        String state = query(URI.create(toEhr.headers().firstValue("Location").orElseThrow())).get("state");
        HttpResponse<String> refused = browser.get(LaunchBrowser.at("/launch/callback?code=not-a-code&state=" + state));
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("TOKEN_ENDPOINT_ERROR", "invalid_grant");
        assertThat(refused.body()).doesNotContain("not-a-code");
    }

    /**
     * The sandbox's token fault switch makes the EHR answer the code with a 500, or with an id_token that
     * is forged, for another app, or expired: each launch is refused with its reason, audited, and opens
     * no visit.
     */
    @Test
    void aFailingTokenEndpointOrASpoiledIdTokenIsRefused() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("SERVER_ERROR", "502 TOKEN_ENDPOINT_ERROR");
        expected.put("ID_TOKEN_BAD_SIGNATURE", "401 ID_TOKEN_BAD_SIGNATURE");
        expected.put("ID_TOKEN_WRONG_AUDIENCE", "401 ID_TOKEN_WRONG_AUDIENCE");
        expected.put("ID_TOKEN_EXPIRED", "401 ID_TOKEN_EXPIRED");
        long acceptedBefore = DemoOrganization.auditRows().stream().filter(r -> r.getString("outcome").equals("ACCEPTED")).count();
        try {
            for (Map.Entry<String, String> fault : expected.entrySet()) {
                HttpResponse<String> switched = Http.send(HttpRequest.newBuilder(URI.create(
                                sandbox("admin/api/token-faults"))).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"fault\":\"" + fault.getKey() + "\",\"count\":1}")));
                assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
                LaunchBrowser browser = new LaunchBrowser();
                HttpResponse<String> refused = launch(browser, "Practitioner/prac-ada-okafor", "appt-1005");
                String[] status = fault.getValue().split(" ");
                assertThat(refused.statusCode()).as(fault.getKey() + ": " + refused.body())
                        .isEqualTo(Integer.parseInt(status[0]));
                assertThat(refused.body()).contains("data-reason=\"" + status[1] + "\"")
                        .doesNotContain("Exception");
                assertThat(last(browser).getPath()).isEqualTo("/launch/callback");
                assertThat(DemoOrganization.auditRows()).anySatisfy(row -> assertThat(row.getString("reasonCode")).isEqualTo(status[1]));
            }
        } finally {
            Http.send(HttpRequest.newBuilder(URI.create(sandbox("admin/api/token-faults"))).DELETE());
        }
        assertThat(DemoOrganization.auditRows().stream().filter(r -> r.getString("outcome").equals("ACCEPTED")).count())
                .isEqualTo(acceptedBefore);
    }

    @Test
    void noTokenCodeOrStateReachesTheServerLog() throws IOException {
        LaunchBrowser browser = new LaunchBrowser();
        URI launch = beginVirtualVisit(browser, "Practitioner/prac-chen-wu", "appt-1004");
        browser.follow(launch, "/launch/callback");
        URI callback = last(browser);
        Map<String, String> query = query(callback);
        browser.get(callback);
        String log = SharedServer.logText();
        assertThat(log).doesNotContain(query.get("code")).doesNotContain(query.get("state"))
                .doesNotContain(query(launch).get("launch"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static Map<String, String> query(URI uri) {
        return java.util.Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> java.net.URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length < 2 ? "" : java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> a));
    }

    private static String createOrganization() {
        HttpResponse<String> created = Http.postAsOperator(LaunchBrowser.at("/api/organizations"), "application/json",
                Json.createObjectBuilder().add("name", "Launch Clinic " + UUID.randomUUID()).add("dataRegion", "EMEA")
                        .add("ehrVendor", "EPIC").build().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getString("id");
    }

    private static String auditText() {
        return Http.getAsOperator(LaunchBrowser.at("/api/launch-audit?max=200")).body();
    }

    private static List<JsonObject> operatorAuditRows() {
        HttpResponse<String> rows = Http.getAsOperator(LaunchBrowser.at("/api/launch-audit?max=200"));
        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
        return ((JsonArray) Http.parse(rows.body())).getValuesAs(JsonObject.class);
    }
}
