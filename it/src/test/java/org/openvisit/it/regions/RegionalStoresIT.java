package org.openvisit.it.regions;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.database.TestDatabase;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.PrivacyScan;
import org.openvisit.it.support.SharedServer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores of a running server (issue 18): a server started on an empty data folder makes four H2 databases, migrates
 * each before anything reads it (no "table not found" in its log: issue 20's 56 traces from the write-back relay and
 * purge), and shows each store on /health. On a server whose AMERICAS store is a PostgreSQL database of its own, that
 * database going down shows the region DOWN and the others UP, and refuses the launches of its AMERICAS organization
 * (the demo organization) with the refusal page, in the launch's language, until it is back; an operator then moves
 * that organization to EMEA (a PostgreSQL database of its own too) over the API.
 */
class RegionalStoresIT {

    @Test
    void anEmptyDataFolderGetsFourStoresEachMigratedBeforeAnythingReadsIt() throws IOException {
        SharedServer.get();
        HttpResponse<String> health = Http.getAsOperator(SharedServer.baseUri().resolve("/health"));
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonObject regional = check(Http.json(health), "regional-stores");
        assertThat(regional.getString("status")).isEqualTo("UP");
        for (String region : new String[] {"americas", "emea", "apac"}) {
            assertThat(regional.getJsonObject("data").getString(region)).as(region).isEqualTo("UP");
            assertThat(regional.getJsonObject("data").getString(region + "SchemaVersion")).as(region).isEqualTo("16");
            assertThat(Files.exists(SharedServer.dataDir().resolve("openvisit-" + region + ".mv.db"))).as(region).isTrue();
        }
        assertThat(check(Http.json(health), "database").getJsonObject("data").getString("schemaVersion")).isEqualTo("42");
        assertThat(Files.exists(SharedServer.dataDir().resolve("openvisit.mv.db"))).isTrue();
        String log = SharedServer.logText();
        assertThat(log).doesNotContainIgnoringCase("not found;").doesNotContain("Table \"")
                .doesNotContainIgnoringCase("does not exist");
    }

    @Test
    void aRegionWhoseDatabaseGoesDownRefusesOnlyItsOwnLaunchesWithAClearPage() throws Exception {
        String name = "regions_americas_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String emeaName = name.replace("americas", "emea");
        admin("CREATE DATABASE " + name);
        admin("CREATE DATABASE " + emeaName);
        try {
            String url = TestDatabase.POSTGRES_ADMIN_URL.substring(0, TestDatabase.POSTGRES_ADMIN_URL.lastIndexOf('/') + 1)
                    + name;
            String emeaUrl = url.substring(0, url.lastIndexOf('/') + 1) + emeaName;
            SharedServer server = SharedServer.startedWith(Map.of("OPENVISIT_DB_AMERICAS_URL", url,
                    "OPENVISIT_DB_AMERICAS_USER", TestDatabase.POSTGRES_USER,
                    "OPENVISIT_DB_AMERICAS_PASSWORD", "unused-with-trust-auth",
                    "OPENVISIT_DB_EMEA_URL", emeaUrl, "OPENVISIT_DB_EMEA_USER", TestDatabase.POSTGRES_USER,
                    "OPENVISIT_DB_EMEA_PASSWORD", "unused-with-trust-auth",
                    // one server: no other node needs 10 s to see a move's pause
                    "OPENVISIT_REGION_MOVE_SETTLE", "PT1S"));
            JsonObject up = check(Http.json(Http.getAsOperator(server.base().resolve("/health"))), "regional-stores");
            assertThat(up.getJsonObject("data").getString("americas")).as(up.toString()).isEqualTo("UP");

            // the AMERICAS database goes down: no new connection is allowed, the open ones are ended
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");

            JsonObject down = check(Http.json(Http.getAsOperator(server.base().resolve("/health"))), "regional-stores");
            assertThat(down.getString("status")).isEqualTo("UP");
            assertThat(down.getJsonObject("data").getString("americas")).as(down.toString()).isEqualTo("DOWN");
            assertThat(down.getJsonObject("data").getString("emea")).isEqualTo("UP");
            assertThat(down.getJsonObject("data").getString("apac")).isEqualTo("UP");

            // the demo organization is in AMERICAS: its launch is refused with the page, in the launch's language
            HttpResponse<String> page = launch(server, "ru");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
            assertThat(page.body()).contains("Сейчас приём открыть нельзя");
            assertThat(page.body()).doesNotContain("Exception", "jdbc:");
            assertThat(launch(server, "zh-TW").body()).contains("暫時無法開啟此次看診");

            // back up: the same launch opens its visit
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            HttpResponse<String> visit = launch(server, "en");
            assertThat(visit.statusCode()).as(visit.body()).isEqualTo(200);
            assertThat(visit.body()).contains("Virtual visit");

            // the privacy scan: every table of the region's store holds nothing of the patient, no plain appointment
            // id and no token, and neither does the server's log (the visit and its audit rows were read)
            Map<String, Integer> read = new java.util.HashMap<>();
            assertThat(PrivacyScan.database(url, TestDatabase.POSTGRES_USER, PrivacyScan.SANDBOX_SECRETS, read))
                    .as("patient data, appointment ids or tokens in the AMERICAS store").isEmpty();
            assertThat(read).as("rows read per table").containsKeys("visit", "launch_audit", "visit_participant");
            assertThat(read.get("visit")).isPositive();
            assertThat(read.get("launch_audit")).isPositive(); // the launch (the refusals could not reach this store)
            assertThat(PrivacyScan.log(server.log(), PrivacyScan.SANDBOX_SECRETS)).as("in the server log").isEmpty();

            movesTheDemoOrganizationToEmea(server, url, emeaUrl);
        } finally {
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            admin("DROP DATABASE IF EXISTS " + emeaName + " WITH (FORCE)");
        }
    }

    /**
     * An operator moves the demo organization from AMERICAS to EMEA over the API: refused while its visit is going on;
     * once it ended, copied, verified, switched and cleaned; its rows are in the EMEA database (ids naming EMEA) and
     * gone from the AMERICAS one, and its reports give the same figures.
     */
    private static void movesTheDemoOrganizationToEmea(SharedServer server, String americasUrl, String emeaUrl)
            throws Exception {
        HttpResponse<String> organizations = Http.getAsOperator(server.base().resolve("/api/organizations?max=200"));
        String org = Http.json(organizations).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("name").equals("Demo Health (EHR sandbox)")).findFirst().orElseThrow()
                .getString("id");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        URI summary = server.base().resolve("/api/reports/summary?org=" + org + "&from=" + today.minusDays(2) + "&to="
                + today.plusDays(2));
        URI moves = server.base().resolve("/api/organizations/" + org + "/region-moves");

        // the launch above left its visit open: refused
        HttpResponse<String> refused = Http.send(java.net.http.HttpRequest.newBuilder(moves)
                .header("Authorization", SharedServer.operatorAuthorization()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"toRegion\":\"EMEA\"}")));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("visits going on");

        // the visit ends (here in its database: ending it over the visit page is other tests' work)
        sql(americasUrl, "UPDATE visit SET status = 'ENDED', ended_at = now() WHERE organization_id = '" + org
                + "' AND status <> 'ENDED'");
        long visits = count(americasUrl, "visit", org);
        long audit = count(americasUrl, "launch_audit", org);
        assertThat(visits).isPositive();
        assertThat(audit).isPositive();
        assertThat(count(emeaUrl, "visit", org)).isZero();
        // a visit without events gets its report row from the once-a-minute sweep: wait for it
        HttpResponse<String> before = Http.getAsOperator(summary);
        for (int i = 0; i < 40 && before.statusCode() == 200
                && Http.json(before).getJsonObject("totals").getInt("visits") == 0; i++) {
            Thread.sleep(2000);
            before = Http.getAsOperator(summary);
        }
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat(Http.json(before).getJsonObject("totals").getInt("visits")).as(before.body()).isPositive();

        HttpResponse<String> started = Http.postAsOperator(moves, "application/json", "{\"toRegion\":\"EMEA\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(Http.json(started).getString("state")).isEqualTo("REQUESTED");
        URI progress = URI.create(started.headers().firstValue("Location").orElseThrow());
        JsonObject move = Http.json(started);
        for (int i = 0; i < 120 && !List.of("CLEANED", "FAILED").contains(move.getString("state")); i++) {
            Thread.sleep(1000);
            HttpResponse<String> read = Http.getAsOperator(progress);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            move = Http.json(read);
        }
        assertThat(move.getString("state")).as(move.toString()).isEqualTo("CLEANED");
        assertThat(move.getJsonArray("history").getValuesAs(JsonObject.class)).extracting(s -> s.getString("to"))
                .containsExactly("REQUESTED", "COPYING", "VERIFIED", "SWITCHED", "CLEANED");
        assertThat(move.getJsonArray("tables").getValuesAs(JsonObject.class))
                .allSatisfy(t -> assertThat(t.getBoolean("matches")).as(t.toString()).isTrue())
                .anySatisfy(t -> {
                    assertThat(t.getString("table")).isEqualTo("visit");
                    assertThat(t.getJsonNumber("targetRows").longValue()).isEqualTo(visits);
                });

        assertThat(count(emeaUrl, "visit", org)).isEqualTo(visits);
        assertThat(count(emeaUrl, "launch_audit", org)).isGreaterThanOrEqualTo(audit);
        assertThat(count(americasUrl, "visit", org)).isZero();
        assertThat(count(americasUrl, "launch_audit", org)).isZero();
        assertThat(count(americasUrl, "visit_summary", org)).isZero();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(emeaUrl, TestDatabase.POSTGRES_USER, "");
             java.sql.ResultSet ids = c.createStatement().executeQuery("SELECT id FROM visit WHERE organization_id = '"
                     + org + "'")) {
            while (ids.next()) {
                assertThat(ids.getString(1).charAt(15)).as("the id names EMEA").isEqualTo('2');
            }
        }
        JsonObject organization = Http.json(Http.getAsOperator(server.base().resolve("/api/organizations/" + org)));
        assertThat(organization.getString("dataRegion")).isEqualTo("EMEA");

        // the reports read the new region: every summary that was moved is listed (the once-a-minute sweep may have
        // changed the visit's status meanwhile, so the figures themselves are not compared)
        long summaries = count(emeaUrl, "visit_summary", org);
        assertThat(summaries).isPositive();
        assertThat(Http.getAsOperator(summary).statusCode()).isEqualTo(200);
        HttpResponse<String> listed = Http.getAsOperator(server.base().resolve("/api/reports/visits?org=" + org
                + "&from=" + today.minusDays(2) + "&to=" + today.plusDays(2) + "&max=50"));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(Http.json(listed).getInt("total")).isEqualTo((int) summaries);
        assertThat(Http.json(listed).getJsonArray("rows").getValuesAs(JsonObject.class))
                .allSatisfy(row -> assertThat(row.getString("visitId").charAt(15)).as("names EMEA").isEqualTo('2'));
    }

    private static long count(String url, String table, String organization) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, TestDatabase.POSTGRES_USER, "");
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table
                     + " WHERE organization_id = '" + organization + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void sql(String url, String statement) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, TestDatabase.POSTGRES_USER, "");
             java.sql.Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** "Begin virtual visit" on the server's sandbox for the demo organization, followed to its end. */
    private static HttpResponse<String> launch(SharedServer server, String language) throws Exception {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        URI next = server.base().resolve("/ehr-sandbox/ehr/launch?user="
                + URLEncoder.encode("Practitioner/prac-ada-okafor", StandardCharsets.UTF_8) + "&appointment=appt-1003");
        HttpResponse<String> page = null;
        for (int hop = 0; hop < 10; hop++) {
            page = browser.send(HttpRequest.newBuilder(next).header("Accept-Language", language)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 302 && page.statusCode() != 303) {
                return page;
            }
            next = next.resolve(page.headers().firstValue("Location").orElseThrow());
        }
        return page;
    }

    private static void admin(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestDatabase.POSTGRES_ADMIN_URL,
                TestDatabase.POSTGRES_USER, ""); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " check: " + health));
    }
}
