package org.openvisit.it.regions;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.database.TestDatabase;
import org.openvisit.it.support.Http;
import org.openvisit.it.rooms.RoomClient;
import org.openvisit.it.support.PrivacyScan;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.support.SiuMessages;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores of a running server (issue 18): a server started on an empty data folder makes four H2 databases, migrates
 * each before anything reads it (no "table not found" in its log: issue 20's 56 traces from the write-back relay and
 * purge), and shows each store on /health. On a server whose AMERICAS store is a PostgreSQL database of its own, that
 * database going down shows the region DOWN and the others UP, and refuses the launches of its AMERICAS organization
 * (the demo organization) with the refusal page, in the launch's language, until it is back; a server started while a
 * region's database is down starts and serves the other regions; the privacy scan runs over every store after a
 * launch, lobby, call and SMS; an operator then moves that organization to EMEA (the server killed in the middle of
 * the copy and the move resumed after its restart) and on to APAC over the API, and its launches land in its region's
 * database only.
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
            assertThat(regional.getJsonObject("data").getString(region + "SchemaVersion")).as(region).isEqualTo("24");
            assertThat(Files.exists(SharedServer.dataDir().resolve("openvisit-" + region + ".mv.db"))).as(region).isTrue();
        }
        assertThat(check(Http.json(health), "database").getJsonObject("data").getString("schemaVersion")).isEqualTo("51");
        assertThat(Files.exists(SharedServer.dataDir().resolve("openvisit.mv.db"))).isTrue();
        String log = SharedServer.logText();
        assertThat(log).doesNotContainIgnoringCase("not found;").doesNotContain("Table \"")
                .doesNotContainIgnoringCase("does not exist");
    }

    /**
     * Every store on a PostgreSQL database of its own (global, AMERICAS, EMEA, APAC). The server is started while the
     * APAC database refuses connections: it starts, serves the other regions, shows APAC DOWN and says so in its log, and
     * takes APAC up (migrated) within a minute of its database coming back, without a restart. The AMERICAS database
     * going down refuses only its launches, with the page. A launch, a lobby, an admitted call with quality figures and
     * a patient link sent by SMS (the Twilio-compatible carrier, to the sandbox's Twilio stand-in) leave nothing of the
     * patient in any table of any of the four stores or in the log (the privacy scan). A short SMS link that no ready region knows while APAC is down answers
     * the region-unavailable page (503). Then the demo organization moves to EMEA with write-back queued, the server is
     * killed in the middle of the copy, started again, and the operator resumes the move: nothing lost, nothing left
     * behind, every task delivered once; the patient's join link given out before the move says the visit ended. It
     * moves on to APAC, and a launch in each region lands in that region's database only.
     */
    @Test
    void aRegionWhoseDatabaseGoesDownRefusesOnlyItsOwnLaunchesWithAClearPage() throws Exception {
        String suffix = java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String name = "regions_americas_" + suffix;
        String emeaName = "regions_emea_" + suffix;
        String apacName = "regions_apac_" + suffix;
        String globalName = "regions_global_" + suffix;
        for (String database : List.of(name, emeaName, apacName, globalName)) {
            admin("CREATE DATABASE " + database);
        }
        // APAC's database is down when the server starts
        admin("ALTER DATABASE " + apacName + " ALLOW_CONNECTIONS false");
        List<SharedServer> servers = new java.util.ArrayList<>();
        try {
            String prefix = TestDatabase.POSTGRES_ADMIN_URL.substring(0,
                    TestDatabase.POSTGRES_ADMIN_URL.lastIndexOf('/') + 1);
            String url = prefix + name;
            String emeaUrl = prefix + emeaName;
            String apacUrl = prefix + apacName;
            String globalUrl = prefix + globalName;
            Map<String, String> configuration = new java.util.HashMap<>(Map.of(
                    "OPENVISIT_DB_URL", globalUrl, "OPENVISIT_DB_USER", TestDatabase.POSTGRES_USER,
                    "OPENVISIT_DB_PASSWORD", "unused-with-trust-auth",
                    // one server: no other node needs 10 s to see a move's pause
                    "OPENVISIT_REGION_MOVE_SETTLE", "PT1S",
                    // the copy pauses 2 s after each table, so that the crash test stops the server in its middle
                    "OPENVISIT_REGION_MOVE_BATCH_PAUSE", "PT2S",
                    // SMS through the Twilio-compatible carrier, to the sandbox's Twilio stand-in over real HTTP
                    "OPENVISIT_SMS_CARRIER", "twilio"));
            for (Map.Entry<String, String> region : Map.of("AMERICAS", url, "EMEA", emeaUrl, "APAC", apacUrl)
                    .entrySet()) {
                configuration.put("OPENVISIT_DB_" + region.getKey() + "_URL", region.getValue());
                configuration.put("OPENVISIT_DB_" + region.getKey() + "_USER", TestDatabase.POSTGRES_USER);
                configuration.put("OPENVISIT_DB_" + region.getKey() + "_PASSWORD", "unused-with-trust-auth");
            }
            SharedServer server = SharedServer.startedWith(configuration);
            servers.add(server);

            // started with APAC down: the other regions serve, APAC is DOWN, and the log says why in words
            JsonObject started = check(Http.json(Http.getAsOperator(server.base().resolve("/health"))),
                    "regional-stores");
            assertThat(started.getString("status")).isEqualTo("UP");
            assertThat(started.getJsonObject("data").getString("americas")).as(started.toString()).isEqualTo("UP");
            assertThat(started.getJsonObject("data").getString("emea")).isEqualTo("UP");
            assertThat(started.getJsonObject("data").getString("apac")).as(started.toString()).isEqualTo("DOWN");
            assertThat(server.log()).contains("The APAC regional store cannot be migrated now");
            // a short SMS link found in no ready region may be APAC's: the region-unavailable page, not "no visit"
            HttpResponse<String> shortLink = Http.send(HttpRequest.newBuilder(server.base().resolve("/j/abc123xyz"))
                    .header("Accept-Language", "zh-TW"));
            assertThat(shortLink.statusCode()).as(shortLink.body()).isEqualTo(503);
            assertThat(shortLink.body()).contains("暫時無法開啟此次看診");
            // APAC's database is back (its store is migrated at the next minute, checked below, without a restart)
            admin("ALTER DATABASE " + apacName + " ALLOW_CONNECTIONS true");

            // the AMERICAS database goes down: no new connection is allowed, the open ones are ended
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");

            JsonObject down = check(Http.json(Http.getAsOperator(server.base().resolve("/health"))), "regional-stores");
            assertThat(down.getString("status")).isEqualTo("UP");
            assertThat(down.getJsonObject("data").getString("americas")).as(down.toString()).isEqualTo("DOWN");
            assertThat(down.getJsonObject("data").getString("emea")).isEqualTo("UP");

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

            String org = demoOrganization(server);
            String patientLink = lobbyCallAndSms(server, org);

            // the privacy scan: every table of every store holds nothing of the patient, no plain appointment id, no
            // token and no phone number, and neither does the server's log
            List<String> secrets = new java.util.ArrayList<>(PrivacyScan.SANDBOX_SECRETS);
            secrets.addAll(PATIENT_PHONE);
            Map<String, Integer> read = new java.util.HashMap<>();
            assertThat(PrivacyScan.database(url, TestDatabase.POSTGRES_USER, secrets, read))
                    .as("patient data, appointment ids, tokens or phone numbers in the AMERICAS store").isEmpty();
            assertThat(read).as("rows read per table").containsKeys("visit", "launch_audit", "visit_participant");
            for (String table : List.of("visit", "launch_audit", "visit_event", "call_quality", "sms_link_send",
                    "sms_outbox", "audit_event")) {
                assertThat(read.get(table)).as("rows of " + table + " read by the scan").isPositive();
            }
            Map<String, Integer> globalRead = new java.util.HashMap<>();
            assertThat(PrivacyScan.database(globalUrl, TestDatabase.POSTGRES_USER, secrets, globalRead))
                    .as("in the global store").isEmpty();
            assertThat(globalRead).containsKeys("organization", "sms_number").doesNotContainKeys("visit",
                    "revoked_join_link", "launch_audit", "call_quality", "sms_link_send");
            assertThat(PrivacyScan.database(emeaUrl, TestDatabase.POSTGRES_USER, secrets, new java.util.HashMap<>()))
                    .as("in the EMEA store").isEmpty();
            assertThat(PrivacyScan.log(server.log(), secrets)).as("in the server log").isEmpty();

            // APAC's database came back above: its store is migrated within a minute, no restart
            JsonObject apac = check(Http.json(Http.getAsOperator(server.base().resolve("/health"))), "regional-stores");
            for (int i = 0; i < 200 && !"UP".equals(apac.getJsonObject("data").getString("apac")); i++) {
                Thread.sleep(500);
                apac = check(Http.json(Http.getAsOperator(server.base().resolve("/health"))), "regional-stores");
            }
            assertThat(apac.getJsonObject("data").getString("apac")).as(apac.toString()).isEqualTo("UP");
            assertThat(apac.getJsonObject("data").getString("apacSchemaVersion")).isEqualTo("24");
            // every region took its revoked join links (regional V18): the global store's old table is gone
            String oldTable = "table_name IN ('revoked_join_link', 'revoked_join_link_leaving')";
            for (int i = 0; i < 20 && countWhere(globalUrl, "information_schema.tables", oldTable) > 0; i++) {
                Thread.sleep(500); // dropped just after the last region was marked ready
            }
            assertThat(countWhere(globalUrl, "information_schema.tables", oldTable)).isZero();

            server = movesTheDemoOrganizationToEmeaThroughACrash(server, url, emeaUrl, globalUrl);
            servers.add(server);

            // the patient's join link of the moved (ended) visit names its old id: it leads to the visit under its
            // new id, which says the visit ended, in the patient's language (not "this link opens no visit")
            HttpResponse<String> ended = Http.send(HttpRequest.newBuilder(URI.create(patientLink))
                    .header("Accept-Language", "ru"));
            assertThat(ended.statusCode()).as(ended.body()).isEqualTo(410);
            assertThat(ended.body()).contains("Этот приём завершён").doesNotContain("Эта ссылка не открывает приём");
            Map<String, String> stores = Map.of("AMERICAS", url, "EMEA", emeaUrl, "APAC", apacUrl);
            launchLandsInItsRegionOnly(server, org, "EMEA", '2', "appt-1004", stores);
            sql(emeaUrl, "UPDATE visit SET status = 'ENDED', ended_at = now() WHERE organization_id = '" + org
                    + "' AND status <> 'ENDED'");
            assertThat(move(server, org, "APAC").getString("state")).isEqualTo("CLEANED");
            launchLandsInItsRegionOnly(server, org, "APAC", '3', "appt-1005", stores);
            assertThat(PrivacyScan.database(apacUrl, TestDatabase.POSTGRES_USER, secrets, new java.util.HashMap<>()))
                    .as("in the APAC store").isEmpty();
        } finally {
            // stopped before their databases go (and before the next test's server boots beside them)
            servers.forEach(SharedServer::stop);
            for (String database : List.of(name, emeaName, apacName, globalName)) {
                admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** The mobile number typed for the patient, as typed and as stored in the clear would look. */
    private static final List<String> PATIENT_PHONE = List.of("2025550148", "555-0148", "5550148", "5550149",
            "Oyelaran", "APT-REGIONS-1");

    private static String demoOrganization(SharedServer server) {
        HttpResponse<String> organizations = Http.getAsOperator(server.base().resolve("/api/organizations?max=200"));
        return Http.json(organizations).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("name").equals("Demo Health (EHR sandbox)")).findFirst().orElseThrow()
                .getString("id");
    }

    /**
     * The clinician's visit page, the patient in the lobby by the link, admitted into the call with the call-quality
     * figures their browser reports, a patient link sent by SMS through the Twilio-compatible carrier to the sandbox's
     * Twilio stand-in, delivered by its signed status callbacks (the organization's administrator set SMS up: both
     * consents, a number bought through the stand-in's number search, the endpoint's settings), and the visit ended.
     */
    private static String lobbyCallAndSms(SharedServer server, String org) throws Exception {
        String username = "regions-admin-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + java.util.UUID.randomUUID();
        HttpResponse<String> user = Http.postAsOperator(server.base().resolve("/api/organizations/" + org + "/users"),
                "application/json", "{\"username\":\"" + username + "\",\"displayName\":\"Regions admin\","
                        + "\"password\":\"" + password + "\",\"roles\":[\"ORG_ADMIN\"]}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String admin = SharedServer.basic(username, password);
        String sms = "/api/organizations/" + org + "/sms";
        String endpoint = Http.json(Http.getAsOperator(server.base().resolve("/api/organizations/" + org
                + "/endpoints"))).getJsonArray("items").getJsonObject(0).getString("id");
        assertThat(as(admin, "PUT", server.base().resolve(sms + "/endpoints/" + endpoint),
                "{\"confirmation\":false,\"reminderMinutes\":[],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"America/New_York\"}").statusCode()).isEqualTo(200);
        assertThat(as(admin, "PUT", server.base().resolve(sms + "/consents/vendor-sends"), "{}").statusCode())
                .isEqualTo(200);
        assertThat(as(admin, "PUT", server.base().resolve(sms + "/consents/patients-consented"), "{}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> requested = as(admin, "POST", server.base().resolve(sms + "/numbers"),
                "{\"country\":\"US\",\"areaCode\":\"202\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String number = Http.json(requested).getString("id");
        JsonObject provisioned = Http.json(requested);
        for (int i = 0; i < 120 && provisioned.getBoolean("unfinished"); i++) {
            Thread.sleep(500);
            provisioned = Http.json(as(admin, "GET", server.base().resolve(sms + "/numbers/" + number), null));
        }
        assertThat(provisioned.getString("status")).as(provisioned.toString()).isEqualTo("ACTIVE");
        String activeNumber = provisioned.getString("e164");
        assertThat(as(admin, "PUT", server.base().resolve(sms + "/numbers/" + number + "/endpoints/" + endpoint), "{}")
                .statusCode()).isEqualTo(200);

        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.follow(server.base().resolve("/ehr-sandbox/ehr/launch?user="
                + URLEncoder.encode("Practitioner/prac-ada-okafor", StandardCharsets.UTF_8) + "&appointment=appt-1003"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String visit = clinician.visitId();
        RoomClient.Socket doctor = clinician.socket(server.base(), visit, null);
        doctor.await("hello");
        doctor.send("{\"type\":\"join\"}");
        doctor.await("call");

        RoomClient patient = new RoomClient();
        String link = RoomClient.link(page.body(), "patientLink");
        assertThat(patient.follow(server.base().resolve(URI.create(link).getRawPath() + "?"
                + URI.create(link).getRawQuery())).statusCode()).isEqualTo(200);
        RoomClient.Socket lobby = patient.socket(server.base(), visit, null);
        JsonObject hello = lobby.await("hello");
        assertThat(hello.getString("state")).isEqualTo("WAITING");
        doctor.send("{\"type\":\"admit\",\"id\":\"" + hello.getString("self") + "\"}");
        lobby.await("admitted");
        lobby.send("{\"type\":\"join\"}");
        lobby.await("call");
        lobby.send("{\"type\":\"stats\",\"rtt\":120,\"jitter\":8,\"loss\":1.5,\"fps\":24}");
        doctor.await("quality");

        HttpResponse<String> sent = clinician.post(server.base().resolve("visit/" + visit + "/sms"),
                "application/x-www-form-urlencoded", "number=" + URLEncoder.encode("(202) 555-0148",
                        StandardCharsets.UTF_8), "X-OpenVisit-Request", "sms", "Accept-Language", "en");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(Http.json(sent).getString("result")).as(sent.body()).isEqualTo("SENT");
        // Twilio (the stand-in) took one message from the number it sold, with the join link, and reported it
        // delivered with its signature: the organization's outbox shows it delivered, the patient's number masked
        List<JsonObject> taken = twilioMessagesTo(server, "+12025550148");
        assertThat(taken).singleElement().satisfies(m -> {
            assertThat(m.getString("from")).isEqualTo(activeNumber);
            assertThat(m.getString("body")).contains("/j/");
        });
        List<JsonObject> delivered = List.of();
        for (int i = 0; i < 40 && delivered.isEmpty(); i++) {
            Thread.sleep(250);
            delivered = Http.parse(as(admin, "GET", server.base().resolve(sms + "/messages?status=DELIVERED"), null)
                    .body()).asJsonArray().getValuesAs(JsonObject.class);
        }
        assertThat(delivered).as("the outbox after Twilio's signed status callbacks").singleElement()
                .satisfies(m -> {
                    assertThat(m.getString("carrierMessageId")).isEqualTo(taken.get(0).getString("sid"));
                    assertThat(m.getString("toMasked")).doesNotContain("5550148");
                });
        // the patient answers STOP: Twilio posts it, signed, to the number's SmsUrl; OpenVisit answers once through
        // Twilio, and the next link to that number is refused
        HttpResponse<String> stop = Http.send(HttpRequest.newBuilder(server.base().resolve(
                "/ehr-sandbox/twilio-admin/inbound?from=%2B12025550148&to=" + URLEncoder.encode(activeNumber,
                        StandardCharsets.UTF_8) + "&body=STOP")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(Http.json(stop).getInt("smsUrlAnswered")).as("the inbound webhook's answer").isEqualTo(200);
        List<JsonObject> toPatient = List.of();
        for (int i = 0; i < 40 && toPatient.size() < 2; i++) {
            Thread.sleep(250);
            toPatient = twilioMessagesTo(server, "+12025550148");
        }
        assertThat(toPatient).as("the link, then the one answer to STOP").hasSize(2);
        HttpResponse<String> again = clinician.post(server.base().resolve("visit/" + visit + "/sms"),
                "application/x-www-form-urlencoded", "number=" + URLEncoder.encode("(202) 555-0148",
                        StandardCharsets.UTF_8), "X-OpenVisit-Request", "sms", "Accept-Language", "en");
        assertThat(Http.json(again).getString("result")).as(again.body()).isEqualTo("OPTED_OUT");

        aFailingCarrierDeliversTheConfirmationOnceAfterItsBackOff(server, admin, sms, endpoint, activeNumber);

        // the visit stays open: the move below is first refused because of it
        lobby.close();
        doctor.close();
        return link;
    }

    /**
     * The EHR's HL7v2 feed books an appointment while Twilio answers 503 to six calls in a row (two sends of three
     * tries each): the confirmation stays pending through the number's back-off and reaches the patient exactly once,
     * from the endpoint's number, delivered.
     */
    private static void aFailingCarrierDeliversTheConfirmationOnceAfterItsBackOff(SharedServer server, String admin,
                                                                                String sms, String endpoint,
                                                                                String activeNumber) throws Exception {
        assertThat(as(admin, "PUT", server.base().resolve(sms + "/endpoints/" + endpoint),
                "{\"confirmation\":true,\"reminderMinutes\":[],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"America/New_York\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> madeSecret = as(admin, "POST", server.base().resolve(sms + "/endpoints/" + endpoint
                + "/feed-secret"), "{}");
        assertThat(madeSecret.statusCode()).as(madeSecret.body()).isEqualTo(200);
        String secret = Http.json(madeSecret).getString("secret");
        HttpResponse<String> failing = Http.send(HttpRequest.newBuilder(server.base().resolve(
                "/ehr-sandbox/twilio-admin/fault?times=6&status=503")).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(failing.statusCode()).as(failing.body()).isEqualTo(200);

        String booked = SiuMessages.s12("REGIONS-C1", "APT-REGIONS-1", Instant.now().plus(Duration.ofHours(4)),
                "Oyelaran^Tomi", "5550149");
        HttpResponse<String> fed = Http.send(HttpRequest.newBuilder(server.base().resolve("/api/feeds/hl7v2/"
                + endpoint)).header("Content-Type", "application/hl7-v2")
                .header("X-OpenVisit-Signature", SiuMessages.hmac(secret, booked))
                .POST(HttpRequest.BodyPublishers.ofString(booked, StandardCharsets.UTF_8)));
        assertThat(fed.statusCode()).as(fed.body()).isEqualTo(200);
        assertThat(fed.body()).contains("MSA|AA|REGIONS-C1");

        List<JsonObject> confirmations = List.of();
        for (int i = 0; i < 120 && confirmations.isEmpty(); i++) {
            Thread.sleep(250);
            confirmations = twilioMessagesTo(server, "+12025550149");
        }
        List<JsonObject> taken = confirmations;
        assertThat(taken).as("the confirmation, once Twilio answered again").singleElement().satisfies(m -> {
            assertThat(m.getString("from")).isEqualTo(activeNumber);
            assertThat(m.getString("body")).contains("is booked", "/j/");
        });
        assertThat(Http.json(Http.get(server.base().resolve("/ehr-sandbox/twilio-admin/fault"))).getInt("remaining"))
                .as("all six failures were met: the send was tried again after them").isZero();
        Thread.sleep(6_000); // three runs of the 2-second send job: no second copy
        assertThat(twilioMessagesTo(server, "+12025550149")).as("exactly once").hasSize(1);
        assertThat(Http.parse(as(admin, "GET", server.base().resolve(sms + "/messages?status=DELIVERED"), null)
                .body()).asJsonArray().getValuesAs(JsonObject.class))
                .filteredOn(m -> m.getString("body").contains("is booked")).singleElement()
                .satisfies(m -> assertThat(m.getString("carrierMessageId")).isEqualTo(taken.get(0).getString("sid")));
    }

    /** The messages the sandbox's Twilio stand-in took for {@code to}. */
    private static List<JsonObject> twilioMessagesTo(SharedServer server, String to) {
        return Http.parse(Http.get(server.base().resolve("/ehr-sandbox/twilio-admin/messages?to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8))).body()).asJsonArray().getValuesAs(JsonObject.class);
    }

    private static HttpResponse<String> as(String authorization, String method, URI uri, String json) {
        return Http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization)
                .header("Content-Type", "application/json").method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A clinician's launch of the demo organization, now in {@code region}: its visit's id names the region, and the
     * organization's visits, participants, launch audit and audit trail are in that region's database and in no other.
     */
    private static void launchLandsInItsRegionOnly(SharedServer server, String org, String region, char digit,
                                                   String appointment, Map<String, String> stores) throws Exception {
        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.follow(server.base().resolve("/ehr-sandbox/ehr/launch?user="
                + URLEncoder.encode("Practitioner/prac-chen-wu", StandardCharsets.UTF_8) + "&appointment="
                + appointment));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String visit = clinician.visitId();
        assertThat(visit.charAt(15)).as("the id names " + region).isEqualTo(digit);
        for (Map.Entry<String, String> store : stores.entrySet()) {
            boolean home = store.getKey().equals(region);
            assertThat(countWhere(store.getValue(), "visit", "id = '" + visit + "'")).as(region + "'s visit in "
                    + store.getKey()).isEqualTo(home ? 1 : 0);
            assertThat(countWhere(store.getValue(), "visit_participant", "visit_id = '" + visit + "'"))
                    .as(store.getKey()).isEqualTo(home ? 1 : 0);
            for (String table : List.of("visit", "launch_audit", "audit_event")) {
                long rows = count(store.getValue(), table, org);
                if (home) {
                    assertThat(rows).as(table + " in " + store.getKey()).isPositive();
                } else {
                    assertThat(rows).as(table + " of the organization in " + store.getKey()).isZero();
                }
            }
        }
    }

    /** Moves the demo organization over the API and answers the move once it is CLEANED or FAILED. */
    private static JsonObject move(SharedServer server, String org, String region) throws Exception {
        URI moves = server.base().resolve("/api/organizations/" + org + "/region-moves");
        HttpResponse<String> started = Http.postAsOperator(moves, "application/json",
                "{\"toRegion\":\"" + region + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        URI progress = URI.create(started.headers().firstValue("Location").orElseThrow());
        JsonObject move = Http.json(started);
        for (int i = 0; i < 480 && !List.of("CLEANED", "FAILED").contains(move.getString("state")); i++) {
            Thread.sleep(250);
            move = Http.json(Http.getAsOperator(progress));
        }
        return move;
    }

    private static long countWhere(String url, String table, String where) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, TestDatabase.POSTGRES_USER, "");
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table + " WHERE "
                     + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * An operator moves the demo organization from AMERICAS to EMEA over the API with write-back queued, and the server
     * dies in the middle (issue 18's test): refused while its visit is going on; once it ended, with this node's relay
     * paused and visits whose write-back tasks wait in the AMERICAS queue, the move starts, and the server is killed
     * ({@code kill -9}) in the middle of the copy (the copy pauses after each table, openvisit.region-move.batch-pause,
     * so the test sees where it is: the visits copied, the write-back queue not yet). Started again, the server finds
     * the move held by the dead node's lease; the operator resumes it, and it is copied again, verified, switched and
     * cleaned: every row is in EMEA (counts and checksums as the move recorded them, the counts also read here), none is
     * left in AMERICAS, the global store has the organization in EMEA, ids name EMEA, the reports read EMEA, and every
     * queued task is delivered from EMEA, once.
     *
     * @return the server started again
     */
    private static SharedServer movesTheDemoOrganizationToEmeaThroughACrash(SharedServer server, String americasUrl,
                                                                         String emeaUrl, String globalUrl)
            throws Exception {
        String org = demoOrganization(server);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String reportRange = "org=" + org + "&from=" + today.minusDays(2) + "&to=" + today.plusDays(2);
        URI moves = server.base().resolve("/api/organizations/" + org + "/region-moves");

        // the launch above left its visit open: refused
        HttpResponse<String> refused = Http.postAsOperator(moves, "application/json", "{\"toRegion\":\"EMEA\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("visits going on");

        // the visit ends (here in its database: ending it over the visit page is other tests' work)
        sql(americasUrl, "UPDATE visit SET status = 'ENDED', ended_at = now() WHERE organization_id = '" + org
                + "' AND status <> 'ENDED'");

        // write-back in flight: this node's relay paused, 10 visits of 3 events each (the last VISIT_ENDED) queue
        // their tasks in AMERICAS
        String operator = SharedServer.operatorAuthorization();
        HttpResponse<String> paused = as(operator, "PUT", server.base().resolve("/api/write-back/development/relay"),
                "{\"running\":false}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        String endpoint = Http.json(Http.getAsOperator(server.base().resolve("/api/organizations/" + org
                + "/endpoints"))).getJsonArray("items").getJsonObject(0).getString("id");
        HttpResponse<String> backlog = as(operator, "POST", server.base().resolve("/api/write-back/development/backlog"),
                "{\"endpointId\":\"" + endpoint + "\",\"visits\":10,\"eventsPerVisit\":3,"
                        + "\"appointments\":[\"Appointment/appt-1001\"],\"encounters\":[\"Encounter/enc-1001\"]}");
        assertThat(backlog.statusCode()).as(backlog.body()).isEqualTo(200);
        String orgRows = "organization_id = '" + org + "'";
        long queued = countWhere(americasUrl, "writeback_task", orgRows + " AND status = 'PENDING'");
        assertThat(queued).as("write-back tasks waiting").isGreaterThanOrEqualTo(30);
        long tasks = count(americasUrl, "writeback_task", org);

        // the report rows the move carries: the backlog's visits have theirs from their events at once (a visit
        // without events waits for the once-a-minute sweep)
        URI summary = server.base().resolve("/api/reports/summary?" + reportRange);
        HttpResponse<String> before = Http.getAsOperator(summary);
        for (int i = 0; i < 160 && before.statusCode() == 200
                && Http.json(before).getJsonObject("totals").getInt("visits") == 0; i++) {
            Thread.sleep(500);
            before = Http.getAsOperator(summary);
        }
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat(Http.json(before).getJsonObject("totals").getInt("visits")).as(before.body()).isPositive();

        List<String> stable = List.of("visit", "visit_event", "call_quality", "writeback_task", "launch_audit",
                "sms_link_send", "sms_outbox");
        Map<String, Long> rowsBefore = new java.util.HashMap<>();
        for (String table : stable) {
            rowsBefore.put(table, count(americasUrl, table, org));
        }
        long visits = rowsBefore.get("visit");
        assertThat(visits).isGreaterThanOrEqualTo(11);
        assertThat(count(emeaUrl, "visit", org)).isZero();

        HttpResponse<String> started = Http.postAsOperator(moves, "application/json", "{\"toRegion\":\"EMEA\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(Http.json(started).getString("state")).isEqualTo("REQUESTED");
        URI progress = URI.create(started.headers().firstValue("Location").orElseThrow());

        // the middle of the copy: the organization's visits committed in EMEA, its write-back queue not yet (eight
        // tables and as many pauses of 2 s later); then the node dies
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (count(emeaUrl, "visit", org) == 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("The copy did not begin: " + Http.getAsOperator(progress).body());
            }
            Thread.sleep(100);
        }
        JsonObject copying = Http.json(Http.getAsOperator(progress));
        server.killHard();
        assertThat(copying.getString("state")).isEqualTo("COPYING");
        String deadNode = copying.getString("worker");
        assertThat(count(emeaUrl, "visit", org)).as("visits copied before the crash").isEqualTo(visits);
        assertThat(count(emeaUrl, "writeback_task", org)).as("the queue not copied yet: killed in the middle").isZero();
        assertThat(count(americasUrl, "visit", org)).as("nothing deleted from the old region").isEqualTo(visits);
        assertThat(count(americasUrl, "writeback_task", org)).isEqualTo(tasks);
        assertThat(text(globalUrl, "SELECT data_region FROM organization WHERE id = '" + org + "'")).isEqualTo("AMERICAS");

        // started again (without the copy's pause): the dead node's lease keeps the move; the operator resumes it
        SharedServer again = server.restarted(Map.of("OPENVISIT_REGION_MOVE_BATCH_PAUSE", "PT0S"));
        JsonObject held = Http.json(Http.getAsOperator(progress));
        assertThat(held.getString("state")).as(held.toString()).isEqualTo("COPYING");
        assertThat(held.getString("worker")).as("held by the dead node").isEqualTo(deadNode);
        HttpResponse<String> resumed = Http.postAsOperator(URI.create(progress + "/resume"), "application/json", "");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(Http.json(resumed).containsKey("worker")).as(resumed.body()).isFalse();
        JsonObject move = Http.json(resumed);
        for (int i = 0; i < 480 && !List.of("CLEANED", "FAILED").contains(move.getString("state")); i++) {
            Thread.sleep(250);
            HttpResponse<String> read = Http.getAsOperator(progress);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            move = Http.json(read);
        }
        assertThat(move.getString("state")).as(move.toString()).isEqualTo("CLEANED");
        List<JsonObject> history = move.getJsonArray("history").getValuesAs(JsonObject.class);
        assertThat(history).extracting(s -> s.getString("to"))
                .containsExactly("REQUESTED", "COPYING", "COPYING", "VERIFIED", "SWITCHED", "CLEANED");
        assertThat(history.get(2).getString("actor")).isEqualTo(SharedServer.ADMIN_USERNAME);
        assertThat(history.get(2).getString("detail")).contains("Resumed", deadNode);

        // every row in EMEA: the move's counts and checksums per table agree, and so do the counts read here
        List<JsonObject> tables = move.getJsonArray("tables").getValuesAs(JsonObject.class);
        assertThat(tables).extracting(t -> t.getString("table")).containsAll(stable);
        for (JsonObject table : tables) {
            assertThat(table.getBoolean("matches")).as(table.toString()).isTrue();
            assertThat(table.getString("targetChecksum")).as(table.toString())
                    .isEqualTo(table.getString("sourceChecksum"));
            String name = table.getString("table");
            if (rowsBefore.containsKey(name)) {
                assertThat(table.getJsonNumber("sourceRows").longValue()).as(name).isEqualTo(rowsBefore.get(name));
                assertThat(table.getJsonNumber("targetRows").longValue()).as(name).isEqualTo(rowsBefore.get(name));
                assertThat(count(emeaUrl, name, org)).as(name + " in EMEA").isEqualTo(rowsBefore.get(name));
            }
            // nothing left behind: the old region holds none of the organization's rows (this test's AMERICAS
            // database holds no other organization's, so tables without an organization column are read whole)
            long left = hasColumn(americasUrl, name, "organization_id") ? count(americasUrl, name, org)
                    : countWhere(americasUrl, name, "1 = 1");
            assertThat(left).as(name + " left in AMERICAS").isZero();
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(emeaUrl, TestDatabase.POSTGRES_USER, "");
             java.sql.ResultSet ids = c.createStatement().executeQuery("SELECT id FROM visit WHERE organization_id = '"
                     + org + "' UNION ALL SELECT id FROM writeback_task WHERE organization_id = '" + org + "'")) {
            while (ids.next()) {
                assertThat(ids.getString(1).charAt(15)).as("the id names EMEA").isEqualTo('2');
            }
        }
        assertThat(text(globalUrl, "SELECT data_region FROM organization WHERE id = '" + org + "'")).isEqualTo("EMEA");
        JsonObject organization = Http.json(Http.getAsOperator(again.base().resolve("/api/organizations/" + org)));
        assertThat(organization.getString("dataRegion")).isEqualTo("EMEA");

        // the queued write-back is delivered from EMEA, each task once (the relay runs again on the new node)
        for (int i = 0; i < 480 && countWhere(emeaUrl, "writeback_task", orgRows + " AND status <> 'DELIVERED'") > 0;
             i++) {
            Thread.sleep(250);
        }
        assertThat(countWhere(emeaUrl, "writeback_task", orgRows + " AND status <> 'DELIVERED'"))
                .as("tasks not delivered").isZero();
        String ofOrg = "task_id IN (SELECT t.id FROM writeback_task t WHERE t." + orgRows + ")";
        assertThat(countWhere(emeaUrl, "writeback_attempt", ofOrg + " AND outcome = 'DELIVERED'"))
                .as("one delivery per task").isEqualTo(tasks);
        assertThat(countWhere(emeaUrl, "(SELECT task_id FROM writeback_attempt WHERE outcome = 'DELIVERED' GROUP BY"
                + " task_id HAVING COUNT(*) > 1) twice", "1 = 1")).as("tasks delivered twice").isZero();
        assertThat(countWhere(americasUrl, "writeback_attempt", "1 = 1")).isZero();

        // the reports read the new region: every summary that was moved is listed (the once-a-minute sweep may have
        // changed a visit's status meanwhile, so the figures themselves are not compared)
        long summaries = count(emeaUrl, "visit_summary", org);
        assertThat(summaries).isPositive();
        assertThat(Http.getAsOperator(again.base().resolve("/api/reports/summary?" + reportRange)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> listed = Http.getAsOperator(again.base().resolve("/api/reports/visits?" + reportRange
                + "&max=50"));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(Http.json(listed).getInt("total")).isEqualTo((int) summaries);
        assertThat(Http.json(listed).getJsonArray("rows").getValuesAs(JsonObject.class))
                .allSatisfy(row -> assertThat(row.getString("visitId").charAt(15)).as("names EMEA").isEqualTo('2'));
        return again;
    }

    private static boolean hasColumn(String url, String table, String column) throws java.sql.SQLException {
        return countWhere(url, "information_schema.columns", "table_name = '" + table + "' AND column_name = '"
                + column + "'") > 0;
    }

    private static String text(String url, String query) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, TestDatabase.POSTGRES_USER, "");
             java.sql.ResultSet r = c.createStatement().executeQuery(query)) {
            assertThat(r.next()).as(query).isTrue();
            return r.getString(1);
        }
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
