package org.openvisit.it.reports;

import jakarta.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.launch.ApprovedEndpoint;
import org.openvisit.it.rooms.RoomClient;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.JsfForm;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.PortalClient;
import org.openvisit.it.tenant.TenantApi;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports API with bearer tokens on the shared server (issue 14): an organization's administrator issues a token
 * through the REST API, a client reads the summary, a page of visits and the CSV with it; another organization's id
 * in a filter gives nothing of it; a missing, badly signed, foreign or revoked token gets 401; a token cannot manage
 * tokens, and an EHR analyst gets 403; a visit's timeline and the .xlsx through the API, and another organization's
 * administrator gets 404 for the visit. (Expired tokens and the other refusals: ReportJwtTest, ReportTokenServiceTest.)
 */
class ReportsApiIT {

    private static ApprovedEndpoint clinic;
    private static TenantApi.User admin;
    private static String range;

    @BeforeAll
    static void oneVisit() {
        clinic = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(), "Reports API Clinic");
        admin = TenantApi.user(TenantApi.OPERATOR, clinic.organizationId(), "apiadmin", "ORG_ADMIN");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        range = "from=" + today.minusDays(2) + "&to=" + today.plusDays(3);

        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.follow(SharedServer.sandboxUri().resolve("ehr/launch?user="
                + URLEncoder.encode("Practitioner/prac-ada-okafor", StandardCharsets.UTF_8) + "&appointment=appt-1001"
                + "&launchUrl=" + URLEncoder.encode(clinic.providerLaunchUrl(), StandardCharsets.UTF_8)));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        RoomClient.Socket socket = clinician.socket(clinician.visitId());
        socket.await("hello");
        socket.send("{\"type\":\"end\"}"); // ended without anybody: a no-show
        socket.await(m -> m.getString("type").equals("ended") || m.getString("type").equals("event")
                && m.getString("event", "").equals("VISIT_ENDED"));
    }

    private static HttpResponse<String> bearer(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(TenantApi.at(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    private static String basic(TenantApi.User user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user.username() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject issue(TenantApi.User user, String name) {
        HttpResponse<String> created = TenantApi.post(user, "/api/reports/tokens",
                "{\"name\":\"" + name + "\",\"lifetimeDays\":30}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        return Http.json(created);
    }

    @Test
    void aServiceAccountTokenReadsItsOrganizationsReportsOnly() throws Exception {
        JsonObject issued = issue(admin, "Power BI");
        String token = issued.getString("token");
        String tokenId = issued.getJsonObject("details").getString("id");
        assertThat(token.split("\\.")).hasSize(3);

        HttpResponse<String> summary = bearer(token, "/api/reports/summary?" + range);
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(Http.json(summary).getString("organizationId")).isEqualTo(clinic.organizationId());
        assertThat(Http.json(summary).getJsonObject("totals").getInt("visits")).isEqualTo(1);
        assertThat(Http.json(summary).getJsonObject("totals").getInt("noShows")).isEqualTo(1);

        HttpResponse<String> visits = bearer(token, "/api/reports/visits?" + range + "&max=10&sort=start&order=asc");
        assertThat(visits.statusCode()).as(visits.body()).isEqualTo(200);
        assertThat(Http.json(visits).getInt("total")).isEqualTo(1);
        assertThat(Http.json(visits).getJsonArray("rows").getJsonObject(0).getString("status")).isEqualTo("NO_SHOW");

        HttpResponse<String> csv = bearer(token, "/api/reports/visits.csv?" + range + "&status=NO_SHOW");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv.body().substring(1))).getRecords();
        assertThat(rows).hasSize(2); // header and the one visit

        HttpResponse<String> badParameter = bearer(token, "/api/reports/visits?" + range + "&max=1000");
        TenantApi.assertProblem(badParameter, 400);
        assertThat(TenantApi.field(badParameter)).isEqualTo("max");

        // another organization's id in a filter: nothing of it
        String other = TenantApi.organization(TenantApi.unique("Other API Clinic"));
        TenantApi.assertProblem(bearer(token, "/api/reports/summary?org=" + other), 403);
        TenantApi.assertProblem(bearer(token, "/api/reports/visits.csv?org=" + other), 403);

        // a token opens the reports API only, and cannot manage tokens
        TenantApi.assertProblem(bearer(token, "/api/organizations/" + clinic.organizationId()), 401);
        TenantApi.assertProblem(bearer(token, "/api/reports/tokens"), 403);

        // the public keys are open
        HttpResponse<String> jwks = Http.get(TenantApi.at("/api/reports/jwks"));
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(Http.json(jwks).getJsonArray("keys").getJsonObject(0).getString("kty")).isEqualTo("EC");
        assertThat(jwks.body()).doesNotContain("\"d\"");

        // missing, badly signed, not ours, revoked: 401
        assertThat(bearer(null, "/api/reports/summary").statusCode()).isEqualTo(401);
        HttpResponse<String> missing = bearer("", "/api/reports/summary");
        TenantApi.assertProblem(missing, 401);
        String[] parts = token.split("\\.");
        String otherSignature = issue(admin, "Excel").getString("token").split("\\.")[2];
        HttpResponse<String> badSignature = bearer(parts[0] + "." + parts[1] + "." + otherSignature,
                "/api/reports/summary");
        TenantApi.assertProblem(badSignature, 401);
        assertThat(badSignature.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        TenantApi.assertProblem(bearer("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "/api/reports/summary"), 401);

        HttpResponse<String> list = TenantApi.get(admin, "/api/reports/tokens");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(tokenId).contains("Power BI").doesNotContain(token);
        HttpResponse<String> revoked = Http.send(HttpRequest.newBuilder(TenantApi.at("/api/reports/tokens/" + tokenId))
                .header("Authorization", basic(admin)).DELETE());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        HttpResponse<String> afterRevoke = bearer(token, "/api/reports/summary?" + range);
        TenantApi.assertProblem(afterRevoke, 401);
        assertThat(TenantApi.detail(afterRevoke)).contains("revoked");
    }

    @Test
    void aTokenReadsAVisitsTimelineAndTheWorkbookAndNothingOfAnotherOrganization() throws Exception {
        String token = issue(admin, "Timeline reader").getString("token");
        HttpResponse<String> visits = bearer(token, "/api/reports/visits?" + range);
        assertThat(visits.statusCode()).as(visits.body()).isEqualTo(200);
        String visitId = Http.json(visits).getJsonArray("rows").getJsonObject(0).getString("visitId");

        HttpResponse<String> timeline = bearer(token, "/api/reports/visits/" + visitId);
        assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
        assertThat(timeline.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonObject t = Http.json(timeline);
        assertThat(t.getJsonObject("visit").getString("visitId")).isEqualTo(visitId);
        assertThat(t.getJsonObject("visit").getString("status")).isEqualTo("NO_SHOW");
        assertThat(t.getJsonArray("events").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("type")).contains("VISIT_ENDED");
        assertThat(t.getJsonArray("events").getValuesAs(JsonObject.class))
                .extracting(e -> e.getJsonNumber("sequence").longValue()).isSorted();
        assertThat(t).containsKeys("quality", "deliveries");

        // not a visit id: 400 naming it; no such visit: 404 in words, in the reader's language
        HttpResponse<String> notAnId = bearer(token, "/api/reports/visits/not-a-visit");
        TenantApi.assertProblem(notAnId, 400);
        assertThat(TenantApi.field(notAnId)).isEqualTo("visitId");
        HttpResponse<String> unknown = Http.send(HttpRequest.newBuilder(TenantApi.at("/api/reports/visits/"
                + java.util.UUID.randomUUID())).header("Authorization", "Bearer " + token)
                .header("Accept-Language", "zh-CN"));
        TenantApi.assertProblem(unknown, 404);
        assertThat(TenantApi.detail(unknown)).contains("报表");

        // another organization's administrator asking for this visit: answered as an unknown one
        String other = TenantApi.organization(TenantApi.unique("Timeline Other Clinic"));
        TenantApi.User stranger = TenantApi.user(TenantApi.OPERATOR, other, "tlstranger", "ORG_ADMIN");
        HttpResponse<String> foreign = TenantApi.get(stranger, "/api/reports/visits/" + visitId);
        TenantApi.assertProblem(foreign, 404);
        assertThat(foreign.body()).doesNotContain(clinic.organizationId());

        // the same rows as a workbook, read back
        HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                TenantApi.at("/api/reports/visits.xlsx?" + range)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains(".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            List<String> cells = new java.util.ArrayList<>();
            sheet.getRow(1).forEach(c -> cells.add(c.toString()));
            assertThat(cells).contains(visitId, "No-show");
        }
        TenantApi.assertProblem(bearer(token, "/api/reports/visits.xlsx?org=" + other), 403);
    }

    @Test
    void onlyAdministratorsIssueTokensAndAnAnalystReadsNoReports() {
        TenantApi.User analyst = TenantApi.user(TenantApi.OPERATOR, clinic.organizationId(), "apianalyst",
                "EHR_ANALYST");
        TenantApi.assertProblem(TenantApi.post(analyst, "/api/reports/tokens",
                "{\"name\":\"mine\",\"lifetimeDays\":1}"), 403);
        TenantApi.assertProblem(TenantApi.get(analyst, "/api/reports/summary"), 403);
        HttpResponse<String> badLifetime = TenantApi.post(admin, "/api/reports/tokens",
                "{\"name\":\"x\",\"lifetimeDays\":400}");
        TenantApi.assertProblem(badLifetime, 400);
        assertThat(TenantApi.field(badLifetime)).isEqualTo("lifetimeDays");
    }

    @Test
    void anAdministratorCreatesATokenOnThePortalPageAndAReaderMayNotOpenIt() {
        PortalClient browser = new PortalClient();
        browser.signIn(admin.username(), admin.password());
        HttpResponse<String> page = browser.get("/report-tokens.xhtml");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("API tokens").contains("for=\"tokens:name\"");

        Matcher viewState = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"")
                .matcher(page.body());
        assertThat(viewState.find()).isTrue();
        Matcher action = Pattern.compile("<form id=\"tokens\"[^>]*action=\"([^\"]*)\"").matcher(page.body());
        assertThat(action.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("tokens", "tokens");
        form.put("tokens:name", "Excel on the portal");
        form.put("tokens:lifetime_input", "30");
        form.put("tokens:issue", "");
        form.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":").replace("&amp;", "&"));
        form.put(JsfForm.NONCE_FIELD, JsfForm.nonce(page.body()));
        HttpResponse<String> pressed = browser.postForm(PortalClient.resolve(action.group(1).replace("&amp;", "&")),
                form);
        assertThat(pressed.statusCode()).as(pressed.body()).isEqualTo(200);
        Matcher issued = Pattern.compile("id=\"tokens:issued\"[^>]*>([^<]+)</textarea>").matcher(pressed.body());
        assertThat(issued.find()).as(pressed.body()).isTrue();
        String token = issued.group(1).strip();
        assertThat(pressed.body()).contains("Excel on the portal").contains("shown only this once");

        HttpResponse<String> summary = bearer(token, "/api/reports/summary?" + range);
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(Http.json(summary).getString("organizationId")).isEqualTo(clinic.organizationId());

        TenantApi.User reader = TenantApi.user(admin, clinic.organizationId(), "apireader", "REPORT_READER");
        PortalClient readerBrowser = new PortalClient();
        readerBrowser.signIn(reader.username(), reader.password());
        assertThat(readerBrowser.get("/report-tokens.xhtml").statusCode()).isEqualTo(403);
        assertThat(readerBrowser.get("/reports.xhtml").body()).doesNotContain("report-tokens.xhtml");
    }
}
