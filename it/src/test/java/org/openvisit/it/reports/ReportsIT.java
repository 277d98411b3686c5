package org.openvisit.it.reports;

import jakarta.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openvisit.it.launch.ApprovedEndpoint;
import org.openvisit.it.rooms.RoomClient;
import org.openvisit.it.support.Axe;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.JsfForm;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.PortalClient;
import org.openvisit.it.tenant.TenantApi;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports end to end on the shared server (issue 14): an organization of its own with an approved endpoint on the EHR
 * sandbox, three visits run through the real launch and room flow (one completed, one no-show, one where the patient
 * waited and was never let in), then a report reader signs in, sees the figures on /reports.xhtml, and downloads the
 * filtered table as CSV and .xlsx, which hold the expected rows. Other people see nothing of it.
 */
class ReportsIT {

    private static final Pattern CARD = Pattern.compile("id=\"reports:(\\w+)\" class=\"ov-report-card-value\">([^<]*)<");
    private static ApprovedEndpoint clinic;
    private static TenantApi.User admin;
    private static TenantApi.User reader;
    private static String range;

    @BeforeAll
    static void runThreeVisits() {
        clinic = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(), "Reports Clinic");
        admin = TenantApi.user(TenantApi.OPERATOR, clinic.organizationId(), "radmin", "ORG_ADMIN");
        reader = TenantApi.user(admin, clinic.organizationId(), "rreader", "REPORT_READER");
        LocalDate today = LocalDate.now(ZoneOffset.UTC); // no time-zone cookie: the pages work in UTC
        range = "range=custom&from=" + today.minusDays(2) + "&to=" + today.plusDays(3);

        completed("Practitioner/prac-ada-okafor", "appt-1001");
        noShow("Practitioner/prac-ada-okafor", "appt-1002");
        // booked two days ahead: a patient in the lobby before the booked end (plus grace) is no no-show whatever
        // the time of day the test runs (appt-1003, today at 14:00, became one after 14:45)
        waitedButNeverSeen("Practitioner/prac-ben-lindqvist", "appt-1008");
    }

    private static RoomClient clinician(String practitioner, String appointment) {
        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.follow(SharedServer.sandboxUri().resolve("ehr/launch?user="
                + URLEncoder.encode(practitioner, StandardCharsets.UTF_8) + "&appointment=" + appointment
                + "&launchUrl=" + URLEncoder.encode(clinic.providerLaunchUrl(), StandardCharsets.UTF_8)));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return clinician;
    }

    private static RoomClient.Socket inCall(RoomClient client, String visit) {
        RoomClient.Socket socket = client.socket(visit);
        socket.await("hello");
        socket.send("{\"type\":\"join\"}");
        socket.await("call");
        return socket;
    }

    /** A patient who opened the join link: in the lobby, with their socket and attendee id. */
    private static Map.Entry<RoomClient.Socket, String> patientInLobby(RoomClient clinician, String visit) {
        HttpResponse<String> page = clinician.get(SharedServer.baseUri().resolve("visit/" + visit));
        String link = RoomClient.link(page.body(), "patientLink");
        RoomClient patient = new RoomClient();
        assertThat(patient.follow(URI.create(link)).statusCode()).isEqualTo(200);
        RoomClient.Socket socket = patient.socket(visit);
        JsonObject hello = socket.await("hello");
        assertThat(hello.getString("state")).isEqualTo("WAITING");
        return Map.entry(socket, hello.getString("self"));
    }

    private static void end(RoomClient.Socket clinician) {
        clinician.send("{\"type\":\"end\"}");
        clinician.await(m -> m.getString("type").equals("ended") || m.getString("type").equals("event")
                && m.getString("event", "").equals("VISIT_ENDED"));
    }

    private static void completed(String practitioner, String appointment) {
        RoomClient clinician = clinician(practitioner, appointment);
        String visit = clinician.visitId();
        RoomClient.Socket doctor = inCall(clinician, visit);
        Map.Entry<RoomClient.Socket, String> patient = patientInLobby(clinician, visit);
        // the patient's device test in the lobby: the camera failed (the report's device-test column)
        patient.getKey().send("{\"type\":\"device-test\",\"result\":{\"camera\":\"failed\",\"microphone\":\"ok\","
                + "\"speaker\":\"ok\",\"connection\":\"ok\"}}");
        patient.getKey().await("device-test-recorded");
        doctor.send("{\"type\":\"admit\",\"id\":\"" + patient.getValue() + "\"}");
        patient.getKey().await("admitted");
        patient.getKey().send("{\"type\":\"join\"}");
        patient.getKey().await("call");
        // the patient's browser reports its call figures, as room.js does from getStats
        patient.getKey().send("{\"type\":\"stats\",\"rtt\":120,\"jitter\":8,\"loss\":1.5,\"fps\":24}");
        doctor.await("quality");
        sleep(2100); // a visit of two seconds at least
        patient.getKey().close();
        doctor.await(m -> m.getString("type").equals("event") && m.getString("event", "").equals("DISCONNECTED"));
        end(doctor);
    }

    private static void noShow(String practitioner, String appointment) {
        RoomClient clinician = clinician(practitioner, appointment);
        end(inCall(clinician, clinician.visitId()));
    }

    private static void waitedButNeverSeen(String practitioner, String appointment) {
        RoomClient clinician = clinician(practitioner, appointment);
        String visit = clinician.visitId();
        RoomClient.Socket doctor = clinician.socket(visit);
        doctor.await("hello");
        Map.Entry<RoomClient.Socket, String> patient = patientInLobby(clinician, visit);
        patient.getKey().close();
        doctor.await(m -> m.getString("type").equals("event") && m.getString("event", "").equals("DISCONNECTED"));
        end(doctor);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> cards(String page) {
        Matcher m = CARD.matcher(page);
        Map<String, String> cards = new java.util.HashMap<>();
        while (m.find()) {
            cards.put(m.group(1), m.group(2));
        }
        return cards;
    }

    private static PortalClient signedIn(TenantApi.User user) {
        PortalClient browser = new PortalClient();
        browser.signIn(user.username(), user.password());
        return browser;
    }

    private static List<CSVRecord> csv(PortalClient browser, String query) throws Exception {
        HttpResponse<String> file = browser.get("/portal/reports/export?format=csv&" + query);
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
        String body = file.body().startsWith("\uFEFF") ? file.body().substring(1) : file.body();
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
    }

    @Test
    void anAdministratorKeepsTheOrganizationsVisitsForFewerDaysThanTheInstallation() throws Exception {
        String path = "/api/organizations/" + clinic.organizationId() + "/retention";
        try {
            JsonObject before = Http.json(TenantApi.get(reader, path));
            assertThat(before.getInt("installationVisitDays")).isEqualTo(400);
            assertThat(before.getInt("visitDays")).isEqualTo(400);
            assertThat(before.get("organizationVisitDays")).as("none of its own (absent or null)")
                    .isIn(null, jakarta.json.JsonValue.NULL);

            HttpResponse<String> set = TenantApi.put(admin, path, null, "{\"visitDays\": 90}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(Http.json(set).getInt("organizationVisitDays")).isEqualTo(90);
            assertThat(Http.json(set).getInt("visitDays")).isEqualTo(90);

            HttpResponse<String> notFewer = TenantApi.put(admin, path, null, "{\"visitDays\": 400}");
            TenantApi.assertProblem(notFewer, 400);
            assertThat(TenantApi.field(notFewer)).isEqualTo("visitDays");
            assertThat(TenantApi.detail(notFewer)).contains("1 to 399 days");
            TenantApi.assertProblem(TenantApi.put(admin, path, null, "{\"visitDays\": 0}"), 400);
            assertThat(TenantApi.put(reader, path, null, "{\"visitDays\": 10}").statusCode()).as("a reader")
                    .isEqualTo(403);
            assertThat(TenantApi.put(null, path, null, "{\"visitDays\": 10}").statusCode()).isEqualTo(401);
            assertThat(Http.json(TenantApi.get(reader, path)).getInt("visitDays")).as("unchanged by refusals")
                    .isEqualTo(90);

            String readerPage = signedIn(reader).get("/reports.xhtml?" + range).body();
            assertThat(readerPage).contains("Visits are kept for 90 days").doesNotContain("retentionDays");
            String adminPage = signedIn(admin).get("/reports.xhtml?" + range).body();
            assertThat(adminPage).contains("Visits are kept for 90 days", "reports:retentionDays",
                    "Keep this organization", "Fewer days than the installation", " 400; leave empty");
        } finally {
            HttpResponse<String> cleared = TenantApi.put(admin, path, null, "{\"visitDays\": null}");
            assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
            assertThat(Http.json(cleared).get("organizationVisitDays")).isIn(null, jakarta.json.JsonValue.NULL);
        }
    }

    @Test
    void aReportReaderSeesTheFiguresAndDownloadsTheFilteredTable() throws Exception {
        PortalClient browser = signedIn(reader);
        HttpResponse<String> home = browser.get("/endpoints.xhtml");
        assertThat(home.body()).as("the navigation links the reports").contains("/reports.xhtml\">Reports</a>");

        // the figures are there within a minute of the visits' end (at once: the events' own transactions)
        Map<String, String> cards = Map.of();
        HttpResponse<String> page = null;
        for (int i = 0; i < 30 && !"3".equals(cards.get("visits")); i++) {
            page = browser.get("/reports.xhtml?" + range);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            cards = cards(page.body());
            if (!"3".equals(cards.get("visits"))) {
                sleep(2000);
            }
        }
        assertThat(cards).as(page.body()).containsEntry("visits", "3").containsEntry("completed", "1")
                .containsEntry("noShows", "1");
        assertThat(cards.get("medianDuration")).matches("\\d+ s");
        assertThat(cards.get("medianLobbyWait")).matches("\\d+ s|\\d+ min \\d+ s");
        assertThat(page.body()).as("the table's rows, statuses as words").contains("33% of decided visits",
                "ov-report-COMPLETED\">Completed<", "ov-report-NO_SHOW\">No-show<",
                "ov-report-ENDED_WITHOUT_PATIENT\">Ended without patient<", "Practitioner/prac-ben-lindqvist")
                .contains("Reports of ").doesNotContain("NO_SHOW<", "ENDED_WITHOUT_PATIENT<", "Exception:", "at org.openvisit");
        assertThat(page.body()).as("how long visits are kept (the installation's default; nothing deleted yet)")
                .contains("Visits are kept for 400 days after they were opened").doesNotContain("Last deletion");

        List<CSVRecord> rows = csv(browser, range);
        assertThat(rows).extracting(r -> r.get("Status"))
                .containsExactlyInAnyOrder("Completed", "No-show", "Ended without patient");
        CSVRecord done = rows.stream().filter(r -> r.get("Status").equals("Completed")).findFirst().orElseThrow();
        assertThat(Long.parseLong(done.get("Duration (seconds)"))).isBetween(2L, 60L);
        assertThat(done.get("Clinicians (EHR user ids)")).isEqualTo("Practitioner/prac-ada-okafor");
        assertThat(done.get("Attendants at once")).isEqualTo("2");
        assertThat(done.get("Start")).isNotEmpty();
        assertThat(rows.toString()).doesNotContain("Leo", "Marsh", "appt-1001"); // no patient data, no appointment id
        // beyond presence, from the summary rows: words, never codes
        assertThat(done.get("Call quality")).isEqualTo("Fine");
        assertThat(done.get("Round-trip time, mean (ms)")).isEqualTo("120.0");
        assertThat(done.get("Packet loss, worst (%)")).isEqualTo("1.5");
        assertThat(done.get("Frame rate, lowest (fps)")).isEqualTo("24.0");
        assertThat(done.get("Device test")).isEqualTo("Problem found");
        assertThat(done.get("Meeting platform")).isEqualTo("Built-in video rooms");
        assertThat(done.get("SMS sent")).isEqualTo("0");
        assertThat(rows).extracting(r -> r.get("Environment")).containsOnly(done.get("Environment"))
                .first().isIn("Test", "Production");
        assertThat(rows).extracting(r -> r.get("Write-back to the EHR")).allMatch(w -> List.of("Delivered", "Pending",
                "Dead letter (given up)", "Discarded", "Nothing to write back").contains(w));
        CSVRecord none = rows.stream().filter(r -> r.get("Status").equals("No-show")).findFirst().orElseThrow();
        assertThat(none.get("Call quality")).isEqualTo("No data");
        assertThat(none.get("Device test")).isEqualTo("Not done");
        assertThat(cards).containsEntry("poorQuality", "0").containsEntry("smsSent", "0");
        assertThat(csv(browser, range + "&quality=FINE")).extracting(r -> r.get("Status")).containsExactly("Completed");
        assertThat(csv(browser, range + "&quality=POOR")).isEmpty();
        assertThat(csv(browser, range + "&status=CANCELLED")).isEmpty();
        assertThat(csv(browser, range + "&platform=builtin-rooms")).hasSize(3);
        String environment = done.get("Environment").equals("Test") ? "TEST" : "PRODUCTION";
        assertThat(csv(browser, range + "&environment=" + environment)).hasSize(3);
        assertThat(csv(browser, range + "&environment=" + (environment.equals("TEST") ? "PRODUCTION" : "TEST")))
                .isEmpty();

        // the filter travels with the export
        assertThat(csv(browser, range + "&status=NO_SHOW")).extracting(r -> r.get("Status")).containsExactly("No-show");
        assertThat(csv(browser, range + "&clinician=" + URLEncoder.encode("Practitioner/prac-ben-lindqvist",
                StandardCharsets.UTF_8))).extracting(r -> r.get("Status")).containsExactly("Ended without patient");

        HttpResponse<byte[]> xlsx = browser.getBytes("/portal/reports/export?format=xlsx&" + range);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            List<String> statuses = new ArrayList<>();
            int statusColumn = -1;
            for (int c = 0; c < sheet.getRow(0).getLastCellNum(); c++) {
                if (sheet.getRow(0).getCell(c).getStringCellValue().equals("Status")) {
                    statusColumn = c;
                }
            }
            for (int r = 1; r <= 3; r++) {
                Row row = sheet.getRow(r);
                statuses.add(row.getCell(statusColumn).getStringCellValue());
            }
            assertThat(statuses).containsExactlyInAnyOrder("Completed", "No-show", "Ended without patient");
        }

        // the same page in Russian, statuses as words
        PortalClient russian = signedIn(reader).speaking("ru");
        assertThat(russian.get("/reports.xhtml?" + range).body()).contains("Неявки", "Состоялся", "Неявка",
                "Визиты хранятся 400 дн.");
    }

    @Test
    void theChartsHoldTheVisitsAndAClickOpensAVisitsTimeline() throws Exception {
        PortalClient browser = signedIn(reader);
        HttpResponse<String> page = null;
        for (int i = 0; i < 30 && (page == null || !"3".equals(cards(page.body()).get("visits"))); i++) {
            if (page != null) {
                sleep(2000);
            }
            page = browser.get("/reports.xhtml?" + range);
        }
        chartsAndTheirFigures(browser, page);
        PortalClient russian = signedIn(reader).speaking("ru");
        assertThat(russian.get("/reports.xhtml?" + range).body()).contains("Визиты по дням", "от 2 до 5 мин",
                "Качество связи по дням", "Время кругового пути (мс)", "звонков не было");
        // a range without calls: no quality chart, the reason in words
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String before = browser.get("/reports.xhtml?range=custom&from=" + today.minusDays(40) + "&to="
                + today.minusDays(35)).body();
        assertThat(before).contains("id=\"qualityNone\"", "No call-quality figures in this period yet")
                .doesNotContain("reports:qualityChart", "qualityFigures");
        CSVRecord done = csv(browser, range).stream().filter(r -> r.get("Status").equals("Completed")).findFirst()
                .orElseThrow();

        // a click on a visit: its timeline, events in order as words
        String visit = done.get("Visit");
        assertThat(page.body()).as("the table links each visit's timeline")
                .contains("/report-visit.xhtml?visit=" + visit + "\"");
        HttpResponse<String> timeline = browser.get("/report-visit.xhtml?visit=" + visit);
        assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
        String events = section(timeline.body(), "<table id=\"events\"", "</table>");
        assertThat(events).containsSubsequence("Connected", "Arrived in the lobby", "Admitted", "Connected",
                "Visit ended");
        assertThat(events).contains("Clinician", "Patient").doesNotContain("LOBBY_JOINED", "VISIT_ENDED", "PATIENT<");
        // the call quality the patient's browser reported, with how much of it went through a relay (none here)
        String callQuality = section(timeline.body(), "<table id=\"quality\"", "</table>");
        assertThat(callQuality).contains("Patient", "<td>1</td><td>0</td>", "120.0 / 120.0", "8.0 / 8.0",
                "1.5 / 1.5", "24.0");
        assertThat(timeline.body()).contains("ov-report-COMPLETED\">Completed<", "Practitioner/prac-ada-okafor")
                .doesNotContain("Leo", "Marsh", "appt-1001", "Exception:", "at org.openvisit");
        assertThat(russian.get("/report-visit.xhtml?visit=" + visit).body()).contains("Вошёл в зал ожидания",
                "Допущен к приёму", "Приём завершён");

        // an unknown visit, or no id at all: the not-found page, no stack trace
        for (String bad : List.of("?visit=" + java.util.UUID.randomUUID(), "?visit=not-an-id", "")) {
            HttpResponse<String> missing = browser.get("/report-visit.xhtml" + bad);
            assertThat(missing.statusCode()).as(bad).isEqualTo(404);
            assertThat(missing.body()).contains("Page not found").doesNotContain("Exception:", "at org.openvisit");
        }
    }

    /**
     * The call-quality chart as a browser shows it, with the call's figures: Chart.js draws four lines on the canvas,
     * the figures' table stays for screen readers only, and axe-core finds no serious or critical violation on the
     * page with every chart drawn (PagesInFourLanguagesIT sees the reports page of an organization without calls).
     */
    @Test
    void theQualityChartIsDrawnInTheBrowserAndAxeFindsNothingSerious() {
        for (String language : List.of("en", "zh-TW")) {
            try (Browser browser = Browser.open("--accept-lang=" + language, "--lang=" + language)) {
                WebDriver driver = browser.driver();
                browser.signIn(SharedServer.baseUri(), reader.username(), reader.password());
                for (int i = 0; i < 30 && driver.findElements(By.id("reports:qualityChart")).isEmpty(); i++) {
                    if (i > 0) {
                        sleep(2000);
                    }
                    driver.get(SharedServer.baseUri().resolve("/reports.xhtml?" + range).toString());
                }
                browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                        By.id("reports:qualityChart")));
                JavascriptExecutor js = (JavascriptExecutor) driver;
                Object lines = browser.waitUpTo(Duration.ofSeconds(20)).until(d -> js.executeScript("""
                        const canvas = document.querySelector('[id="reports:qualityChart"] canvas');
                        const chart = canvas && window.Chart && Chart.getChart(canvas);
                        return chart ? chart.data.datasets.length : null;"""));
                js.executeScript("document.getElementById('qualityTitle').scrollIntoView()");
                browser.screenshot("reports-quality-" + language);
                assertThat(((Number) lines).intValue()).as(language + ": RTT, jitter, loss and fps").isEqualTo(4);
                assertThat(js.executeScript("""
                        const table = document.getElementById('qualityFigures');
                        const style = getComputedStyle(table);
                        return style.position === 'absolute' && style.clip === 'rect(0px, 0px, 0px, 0px)'
                            && table.textContent.includes('120.0');"""))
                        .as("the figures in the page for screen readers, not on screen").isEqualTo(true);
                assertThat(Axe.seriousViolations(js)).as(language).isEmpty();
            }
        }
    }

    /** The four charts are on the page, served by the application, with their figures in hidden tables. */
    private static void chartsAndTheirFigures(PortalClient browser, HttpResponse<String> page) {
        String body = page.body();
        assertThat(body).contains("id=\"reports:perDayChart\"", "id=\"reports:lobbyWaitChart\"",
                "id=\"reports:hoursChart\"", "role=\"img\"", "Visits per day", "Lobby wait", "Busiest hours");
        // call quality over time: the chart, its figures in a hidden table, a day without calls said in words
        assertThat(body).contains("id=\"reports:qualityChart\"", "Call quality per day")
                .doesNotContain("id=\"qualityNone\"");
        String quality = section(body, "<table id=\"qualityFigures\"", "</table>");
        assertThat(quality).as("the one call's figures on its day").contains("<td>120.0</td>", "<td>8.0</td>",
                "<td>1.5</td>", "<td>24.0</td>").contains("<caption>Call quality per day</caption>", "no calls");
        String qualityChart = section(body, "PrimeFaces.cw(\"Chart\",\"widget_reports_qualityChart\"", "</script>");
        assertThat(qualityChart).as("the chart's own figures").contains("\"type\":\"line\"",
                "\"label\":\"Round-trip time (ms)\"", "\"label\":\"Frames per second\"", "120.0", "24.0", "null");
        Matcher script = Pattern.compile("src=\"([^\"]*chart/chart\\.js[^\"]*)\"").matcher(body);
        assertThat(script.find()).as("Chart.js comes from the application itself").isTrue();
        String src = script.group(1).replace("&amp;", "&");
        assertThat(src).doesNotContain("://");
        HttpResponse<String> js = browser.get(src);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("PrimeFaces.widget.Chart");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as("the charts' inline set-up runs by the view's nonce, everything from the application")
                .contains("default-src 'self'", "script-src 'self' 'nonce-" + JsfForm.nonce(body) + "'")
                .doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(body).contains("PrimeFaces.cw(\"Chart\"");

        assertThat(sum(section(body, "<table id=\"perDayFigures\"", "</table>"), "<td>(\\d+)</td>"))
                .as("statuses and totals of every day").isEqualTo(6);
        assertThat(sum(section(body, "<table id=\"hoursFigures\"", "</table>"), "<td>(\\d+)</td>")).isEqualTo(3);
        String waits = section(body, "<table id=\"lobbyWaitFigures\"", "</table>");
        assertThat(sum(waits, "<td>(\\d+)</td>")).as("the one patient let in had a lobby wait").isEqualTo(1);
        assertThat(waits).contains("under 1 min", "20 min or more");
        // the chart set-up holds the same figures: one series per status, words not codes
        assertThat(body).contains("\"label\":\"Completed\"", "\"label\":\"No-show\"",
                "\"label\":\"Ended without patient\"").doesNotContain("\"label\":\"NO_SHOW\"");
    }

    private static String section(String body, String start, String end) {
        int from = body.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        return body.substring(from, body.indexOf(end, from));
    }

    private static long sum(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /** The kinds of a Bundle's AuditEvents, by OpenVisit's code ({@code sign-in}, {@code launch}, …). */
    private static List<String> kinds(JsonObject bundle) {
        List<String> kinds = new ArrayList<>();
        for (JsonObject entry : bundle.getJsonArray("entry").getValuesAs(JsonObject.class)) {
            for (JsonObject coding : entry.getJsonObject("resource").getJsonArray("subtype").getValuesAs(JsonObject.class)) {
                if (coding.getString("system").equals("urn:openvisit:audit-kind")) {
                    kinds.add(coding.getString("code"));
                }
            }
        }
        return kinds;
    }

    /** The rows of the audit page's table. */
    private static String rows(String page) {
        return section(page, "id=\"audit:list_data\"", "</tbody>");
    }

    private static JsonObject auditEvents(TenantApi.User user, String query) {
        HttpResponse<String> answer = TenantApi.get(user, "/api/organizations/" + clinic.organizationId()
                + "/audit-events?max=200&" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        return Http.json(answer);
    }

    /**
     * The audit trail (issue 20): the clinic's sign-ins (and a failed one), approval steps, key, launches, admission and
     * exports are its administrator's to read, as FHIR AuditEvents on the API, on /audit.xhtml and as files, naming no
     * patient; forwarded to the organization's audit repository once one is set; nobody else reads them.
     */
    @Test
    void theAuditTrailShowsWhatHappenedToTheOrganizationsAdministratorsOnly() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String days = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        assertThat(new PortalClient().trySignIn(admin.username(), "not the password").statusCode())
                .as("a wrong password").isNotEqualTo(302);
        PortalClient browser = signedIn(admin);
        csv(browser, range);
        HttpResponse<String> key = TenantApi.post(admin, "/api/endpoints/" + clinic.endpointId()
                + "/context-link-key", null);
        assertThat(key.statusCode()).as(key.body()).isIn(200, 201);

        List<String> expected = List.of("sign-in", "endpoint-submitted", "endpoint-verified", "endpoint-approved",
                "key-generated", "launch", "admitted", "export");
        JsonObject bundle = auditEvents(admin, days);
        for (int i = 0; i < 15 && !kinds(bundle).containsAll(expected); i++) {
            sleep(1000); // the approval steps are written once their own transactions committed
            bundle = auditEvents(admin, days);
        }
        assertThat(kinds(bundle)).containsAll(expected);
        assertThat(bundle.getString("resourceType")).isEqualTo("Bundle");
        assertThat(bundle.getString("type")).isEqualTo("searchset");
        assertThat(bundle.getInt("total")).isEqualTo(bundle.getJsonArray("entry").size());
        String json = bundle.toString();
        assertThat(json).as("BALP-shaped: DICOM codes, outcome, the clinician by EHR user id, the source")
                .contains("\"code\":\"110114\"", "\"code\":\"110122\"", "\"code\":\"110113\"",
                        "\"code\":\"110106\"", "Practitioner/prac-ada-okafor", "urn:openvisit:portal-user",
                        "\"outcome\":\"4\"", "Application Server", clinic.endpointId());
        assertThat(json).as("no patient, no appointment, no password, no token")
                .doesNotContain("Leo", "Marsh", "appt-100", "not the password", "Bearer", "eyJ");

        assertThat(auditEvents(admin, days + "&kind=ADMITTED").toString())
                .as("who admitted the patient: the clinician by EHR user id, from their own launch")
                .contains("Practitioner/prac-ada-okafor");

        // filters in the database: kind, user, outcome; paged with a next link
        assertThat(kinds(auditEvents(admin, days + "&kind=LAUNCH"))).hasSize(3).containsOnly("launch");
        JsonObject failed = auditEvents(admin, days + "&kind=SIGN_IN&outcome=MINOR_FAILURE&user="
                + admin.username().toUpperCase(java.util.Locale.ROOT));
        assertThat(kinds(failed)).containsOnly("sign-in").isNotEmpty();
        assertThat(failed.toString()).contains("\"address\":\"127.0.0.1\"");
        HttpResponse<String> page = TenantApi.get(admin, "/api/organizations/" + clinic.organizationId()
                + "/audit-events?max=2&" + days);
        assertThat(Http.json(page).getJsonArray("entry")).hasSize(2);
        assertThat(Http.json(page).toString()).contains("\"relation\":\"next\"", "first=2");
        TenantApi.assertProblem(TenantApi.get(admin, "/api/organizations/" + clinic.organizationId()
                + "/audit-events?kind=NOT_A_KIND"), 400);

        // the page: kinds and outcomes as words, in English and in Russian
        HttpResponse<String> auditPage = browser.get("/audit.xhtml?outcome=MINOR_FAILURE&" + days);
        assertThat(auditPage.statusCode()).as(auditPage.body()).isEqualTo(200);
        assertThat(auditPage.body()).contains("Audit trail", "/audit.xhtml\">").doesNotContain("Exception:");
        assertThat(rows(auditPage.body())).contains("ov-audit-MINOR_FAILURE\">Refused or failed<", "Sign-in",
                "127.0.0.1", admin.username()).doesNotContain("MINOR_FAILURE<", "SIGN_IN<", "Leo", "Marsh");
        assertThat(rows(browser.get("/audit.xhtml?kind=LAUNCH&" + days).body()))
                .contains("Launch from the EHR", "Practitioner/prac-ada-okafor", "Succeeded")
                .doesNotContain("Endpoint approved");
        assertThat(rows(browser.get("/audit.xhtml?kind=ENDPOINT_APPROVED&" + days).body()))
                .contains("Endpoint approved", clinic.endpointId()).doesNotContain("ENDPOINT_APPROVED");
        assertThat(rows(browser.get("/audit.xhtml?kind=ADMITTED&" + days).body())).contains("Admitted to the call",
                "EHR user", "Practitioner/prac-ada-okafor", "patient"); // the admitting clinician, named
        PortalClient russian = signedIn(admin).speaking("ru");
        assertThat(rows(russian.get("/audit.xhtml?kind=ENDPOINT_APPROVED&" + days).body()))
                .contains("Конечная точка одобрена");
        assertThat(rows(russian.get("/audit.xhtml?kind=LAUNCH&" + days).body())).contains("Запуск из ЭМК");

        // the files: a FHIR Bundle and CSV with words, each export itself audited
        HttpResponse<String> file = browser.get("/portal/audit/export?format=json&" + days);
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".json");
        JsonObject collection = (JsonObject) Http.parse(file.body());
        assertThat(collection.getString("type")).isEqualTo("collection");
        assertThat(kinds(collection)).containsAll(expected);
        HttpResponse<String> csvFile = browser.get("/portal/audit/export?format=csv&kind=LAUNCH&" + days);
        String body = csvFile.body().startsWith("\uFEFF") ? csvFile.body().substring(1) : csvFile.body();
        List<CSVRecord> launches = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
        assertThat(launches).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("What happened")).isEqualTo("Launch from the EHR");
            assertThat(r.get("Outcome code (FHIR)")).isEqualTo("0");
        });

        // nobody else: another organization's administrator, the clinic's EHR analyst, nobody at all
        String other = TenantApi.organization(TenantApi.unique("Other Audit Clinic"));
        TenantApi.User stranger = TenantApi.user(TenantApi.OPERATOR, other, "aadmin", "ORG_ADMIN");
        assertThat(TenantApi.get(stranger, "/api/organizations/" + clinic.organizationId() + "/audit-events")
                .statusCode()).isEqualTo(403);
        assertThat(TenantApi.get(null, "/api/organizations/" + clinic.organizationId() + "/audit-events")
                .statusCode()).isEqualTo(401);
        String theirs = signedIn(stranger).get("/audit.xhtml?org=" + clinic.organizationId() + "&" + days).body();
        assertThat(theirs).as("their own trail, whatever they name").doesNotContain(clinic.endpointId(),
                "Practitioner/prac-ada-okafor", admin.username());
        assertThat(signedIn(stranger).get("/portal/audit/export?format=json&org=" + clinic.organizationId() + "&"
                + days).body()).doesNotContain(clinic.endpointId());
        TenantApi.User analyst = TenantApi.user(TenantApi.OPERATOR, clinic.organizationId(), "aanalyst", "EHR_ANALYST");
        assertThat(signedIn(analyst).get("/audit.xhtml").statusCode()).isEqualTo(403);
        assertThat(TenantApi.get(analyst, "/api/organizations/" + clinic.organizationId() + "/audit-events")
                .statusCode()).isEqualTo(403);
        // an operator reads it, and the installation's own trail (operators' sign-ins)
        assertThat(kinds(auditEvents(TenantApi.OPERATOR, days))).containsAll(expected);
        signedIn(TenantApi.OPERATOR);
        HttpResponse<String> installation = TenantApi.get(TenantApi.OPERATOR, "/api/audit-events?kind=SIGN_IN&user="
                + SharedServer.ADMIN_USERNAME + "&" + days);
        assertThat(installation.statusCode()).as(installation.body()).isEqualTo(200);
        assertThat(kinds(Http.json(installation))).isNotEmpty().containsOnly("sign-in");
        assertThat(TenantApi.get(admin, "/api/audit-events").statusCode()).isEqualTo(403);

        forwardedToTheOrganizationsRepository(browser, days);
    }

    /** Forwarding: a FHIR server of the organization's (here one in this test, on loopback) gets each new event. */
    private static void forwardedToTheOrganizationsRepository(PortalClient browser, String days) throws Exception {
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer repository = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        repository.createContext("/fhir/AuditEvent", exchange -> {
            received.add(exchange.getRequestMethod() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"resourceType\":\"AuditEvent\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        repository.start();
        String setting = "/api/organizations/" + clinic.organizationId() + "/audit-repository";
        try {
            TenantApi.assertProblem(TenantApi.put(admin, setting, null, "{\"url\":\"ftp://audit.example.org/fhir\"}"),
                    400);
            String url = "http://127.0.0.1:" + repository.getAddress().getPort() + "/fhir";
            HttpResponse<String> set = TenantApi.put(admin, setting, null, "{\"url\":\"" + url + "\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(Http.json(TenantApi.get(admin, setting)).getString("url")).isEqualTo(url);
            csv(browser, range); // an event after the change: forwarded within the forwarder's ten seconds
            // the change's own event may come in an earlier batch than the export's: wait for the export's
            for (int i = 0; i < 40 && received.stream().noneMatch(r -> r.contains("\"export\"")); i++) {
                sleep(1000);
            }
            assertThat(received).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("POST {\"resourceType\":\"AuditEvent\""));
            assertThat(String.join("\n", received)).contains("\"export\"", clinic.organizationId())
                    .doesNotContain("Leo", "Marsh", "appt-100");
            String page = rows(browser.get("/audit.xhtml?kind=AUDIT_SETTINGS_CHANGED&" + days).body());
            assertThat(page).contains("Audit forwarding changed", url);
            String sent = "";
            for (int i = 0; i < 20 && !sent.contains(">Sent<"); i++) {
                sent = rows(browser.get("/audit.xhtml?kind=EXPORT&" + days).body());
                sleep(500);
            }
            assertThat(sent).as("the page says it was sent").contains(">Sent<");
        } finally {
            assertThat(TenantApi.put(admin, setting, null, "{\"url\":null}").statusCode()).isEqualTo(200);
            repository.stop(0);
        }
    }

    @Test
    void nobodyElseSeesTheClinicsFigures() throws Exception {
        // a report reader of another organization naming this one: their own (empty) report
        String other = TenantApi.organization(TenantApi.unique("Other Reports Clinic"));
        TenantApi.User otherAdmin = TenantApi.user(TenantApi.OPERATOR, other, "oadmin", "ORG_ADMIN");
        TenantApi.User stranger = TenantApi.user(otherAdmin, other, "oreader", "REPORT_READER");
        assertThat(csv(signedIn(stranger), range + "&org=" + clinic.organizationId())).isEmpty();

        // an EHR analyst of the clinic has no reports page and no export
        TenantApi.User analyst = TenantApi.user(TenantApi.OPERATOR, clinic.organizationId(), "ranalyst", "EHR_ANALYST");
        PortalClient analystBrowser = signedIn(analyst);
        assertThat(analystBrowser.get("/reports.xhtml").statusCode()).isEqualTo(403);
        assertThat(analystBrowser.get("/portal/reports/export?format=csv").statusCode()).isEqualTo(403);

        // a visit's timeline: not for the analyst, not found for another organization's reader
        String visit = csv(signedIn(reader), range).get(0).get("Visit");
        assertThat(analystBrowser.get("/report-visit.xhtml?visit=" + visit).statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = signedIn(stranger).get("/report-visit.xhtml?visit=" + visit + "&org="
                + clinic.organizationId());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("Page not found").doesNotContain("Practitioner/", "Exception:",
                "at org.openvisit");

        // an operator reads the clinic's report by naming it; a bad format or range is a plain 400
        PortalClient operator = signedIn(TenantApi.OPERATOR);
        assertThat(csv(operator, range + "&org=" + clinic.organizationId())).hasSize(3);
        HttpResponse<String> badFormat = operator.get("/portal/reports/export?format=pdf&org=" + clinic.organizationId());
        assertThat(badFormat.statusCode()).isEqualTo(400);
        HttpResponse<String> badRange = operator.get("/portal/reports/export?format=csv&range=custom&from=2026-12-10&to=2026-12-01&org="
                + clinic.organizationId());
        assertThat(badRange.statusCode()).isEqualTo(400);
        assertThat(badRange.body()).doesNotContain("Exception");
        HttpResponse<String> operatorPage = operator.get("/reports.xhtml?org=" + clinic.organizationId() + "&" + range);
        assertThat(operator.get("/report-visit.xhtml?visit=" + visit + "&org=" + clinic.organizationId())
                .statusCode()).as("an operator naming the organization").isEqualTo(200);
        assertThat(operatorPage.body()).contains("Rebuild report figures")
                .containsPattern("id=\"reports:visits\" class=\"ov-report-card-value\">3<");

        // the operator's rebuild (the page's Ajax request, as the button sends it) makes the three rows again
        Matcher viewState = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"")
                .matcher(operatorPage.body());
        assertThat(viewState.find()).isTrue();
        Map<String, String> click = new java.util.LinkedHashMap<>();
        click.put("jakarta.faces.partial.ajax", "true");
        click.put("jakarta.faces.source", "reports:rebuild");
        click.put("jakarta.faces.partial.execute", "reports:rebuild");
        click.put("jakarta.faces.partial.render", "reports");
        click.put("reports:rebuild", "reports:rebuild");
        click.put("reports", "reports");
        click.put("jakarta.faces.ViewState", viewState.group(1).replace("&amp;", "&"));
        click.put(JsfForm.NONCE_FIELD, JsfForm.nonce(operatorPage.body()));
        HttpResponse<String> rebuilt = operator.postForm(TenantApi.at("/reports.xhtml"), click);
        assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
        assertThat(rebuilt.body()).contains("3 visits were summarized again.")
                .containsPattern("id=\"reports:visits\" class=\"ov-report-card-value\">3<");
        assertThat(csv(operator, range + "&org=" + clinic.organizationId())).extracting(r -> r.get("Status"))
                .containsExactlyInAnyOrder("Completed", "No-show", "Ended without patient");
    }

    @Test
    void aHiddenColumnStaysHiddenForTheAccountInLaterSessionsAndIsLeftOutOfItsExports() throws Exception {
        TenantApi.User columnsReader = TenantApi.user(admin, clinic.organizationId(), "rcolumns", "REPORT_READER");
        PortalClient first = signedIn(columnsReader);
        HttpResponse<String> page = first.get("/reports.xhtml?" + range);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContainPattern("id=\"reports:list:clinicians\"[^>]*ui-helper-hidden");
        assertThat(csv(first, range).get(0).isMapped("Clinicians (EHR user ids)")).isTrue();

        // the column toggler's Ajax request, as PrimeFaces sends it when the clinicians' box is unticked
        Matcher viewState = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"")
                .matcher(page.body());
        assertThat(viewState.find()).isTrue();
        Map<String, String> toggle = new java.util.LinkedHashMap<>();
        toggle.put("jakarta.faces.partial.ajax", "true");
        toggle.put("jakarta.faces.source", "reports:columns");
        toggle.put("jakarta.faces.partial.execute", "reports:columns");
        toggle.put("jakarta.faces.behavior.event", "toggle");
        toggle.put("jakarta.faces.partial.event", "toggle");
        toggle.put("reports:columns_visibility", "HIDDEN");
        toggle.put("reports:columns_index", "6"); // the seventh column: clinicians
        toggle.put("reports", "reports");
        toggle.put("jakarta.faces.ViewState", viewState.group(1).replace("&amp;", "&"));
        toggle.put(JsfForm.NONCE_FIELD, JsfForm.nonce(page.body()));
        HttpResponse<String> toggled = first.postForm(TenantApi.at("/reports.xhtml"), toggle);
        assertThat(toggled.statusCode()).as(toggled.body()).isEqualTo(200);
        assertThat(toggled.body()).doesNotContain("Exception", "ui-messages-error");

        // a new session of the same account: remembered in the global store, not the session
        PortalClient later = signedIn(columnsReader);
        assertThat(later.get("/reports.xhtml?" + range).body())
                .containsPattern("id=\"reports:list:clinicians\"[^>]*ui-helper-hidden");
        List<CSVRecord> rows = csv(later, range);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).isMapped("Clinicians (EHR user ids)")).as("hidden: left out of the export").isFalse();
        assertThat(rows.get(0).isMapped("Visit")).isTrue();
        assertThat(rows.get(0).isMapped("Department")).isTrue();
        HttpResponse<byte[]> xlsx = later.getBytes("/portal/reports/export?format=xlsx&" + range);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<String> headings = new ArrayList<>();
            sheetHeadings(book.getSheetAt(0), headings);
            assertThat(headings).contains("Visit", "Department").doesNotContain("Clinicians (EHR user ids)");
        }
        // another account of the organization still sees the column
        assertThat(csv(signedIn(reader), range).get(0).isMapped("Clinicians (EHR user ids)")).isTrue();
    }

    private static void sheetHeadings(Sheet sheet, List<String> headings) {
        for (int c = 0; c < sheet.getRow(0).getLastCellNum(); c++) {
            headings.add(sheet.getRow(0).getCell(c).getStringCellValue());
        }
    }
}
