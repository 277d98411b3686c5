package org.openvisit.it.launch;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.TenantApi;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organization on Microsoft Teams, end to end over HTTP against the sandbox's stand-in for Entra and Graph (the
 * shared server's Teams addresses point there; nothing leaves the machine): settings with a certificate, Test
 * connection naming the missing application access policy, a clinician launch refused with the page and audit row
 * saying so, then, with the policy granted, Test connection passing and two launches of one appointment landing on
 * the one meeting's join URL. A patient (launch or join link) gets OpenVisit's own page first: the device test and a
 * button on to the meeting, whose join URL the page does not show. Then the meeting's attendance (served by the stand-in in Graph's shape) becomes the
 * visit's connect / disconnect events: in the write-back outbox (listed with their status, delivered ones too) with
 * Graph's times, delivered to the sandbox EHR, in the reports, each once however often the reports are read, and no guest's name
 * anywhere; once everyone has left and the session's end is older than the quiet period, the visit ends at that end
 * and the EHR gets VISIT_ENDED. Last, with clinicians asked to sign in with Microsoft once and to organize their meetings: the first
 * launch goes through the stand-in's Microsoft sign-in (PKCE, id_token checked), later ones straight to the meeting,
 * a new visit's meeting is organized by the clinician's Entra identity, and the link can be seen and removed.
 */
class TeamsLaunchIT {

    private static final String ADA = "Practitioner/prac-ada-okafor";
    private static final String BEN = "Practitioner/prac-ben-lindqvist";

    private static HttpResponse<String> launch(LaunchBrowser browser, String user, String appointment, String launchUrl) {
        return launch(browser, user, appointment, launchUrl, null);
    }

    private static HttpResponse<String> launch(LaunchBrowser browser, String user, String appointment, String launchUrl,
                                               String stopAt) {
        String url = SharedServer.sandboxUri().resolve("ehr/launch?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&appointment=" + appointment + "&launchUrl=" + URLEncoder.encode(launchUrl, StandardCharsets.UTF_8))
                .toString();
        return browser.follow(URI.create(url), stopAt);
    }

    private static void registerStubApp(String tenant, String client, String certificatePem, String organizer,
                                        boolean accessPolicy) {
        registerStubApp(tenant, client, certificatePem, organizer, accessPolicy, false);
    }

    /** An app of the stand-in; {@code callRecords}: whether it holds CallRecords.Read.All. */
    private static void registerStubApp(String tenant, String client, String certificatePem, String organizer,
                                        boolean accessPolicy, boolean callRecords) {
        HttpResponse<String> registered = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/apps")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("tenantId", tenant)
                        .add("clientId", client).add("certificatePem", certificatePem).add("organizer", organizer)
                        .add("consented", true).add("accessPolicy", accessPolicy).add("callRecords", callRecords)
                        .build().toString())));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    }

    private static int stubMeetingsOf(String organizer) {
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/meetings?organizer=" + organizer)).GET());
        return Http.json(answer).getInt("meetings");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void anOrganizationOnTeamsLaunchesIntoOneMeetingOnceGraphAllowsIt() throws Exception {
        ApprovedEndpoint clinic = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(), "Teams Clinic");
        String tenant = UUID.randomUUID().toString();
        String client = UUID.randomUUID().toString();
        String organizer = UUID.randomUUID().toString();
        KeyStore keys = certificate();
        X509Certificate certificate = (X509Certificate) keys.getCertificate("app");
        String certificatePem = pem("CERTIFICATE", certificate.getEncoded());
        String keyPem = pem("PRIVATE KEY", keys.getKey("app", "changeit".toCharArray()).getEncoded());
        registerStubApp(tenant, client, certificatePem, organizer, false);

        String teams = "/api/organizations/" + clinic.organizationId() + "/teams";
        HttpResponse<String> saved = TenantApi.put(TenantApi.OPERATOR, teams, null, Json.createObjectBuilder()
                .add("tenantId", tenant).add("clientId", client).add("organizer", organizer)
                .add("lobbyBypass", "ORGANIZATION").add("meetingChat", "LIMITED").add("entryExitAnnounced", true)
                .add("certificatePem", certificatePem + keyPem).build().toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(Http.json(saved).getString("credentialKind")).isEqualTo("CERTIFICATE");
        assertThat(saved.body()).doesNotContain("PRIVATE", keyPem.substring(40, 80));
        HttpResponse<String> read = TenantApi.get(TenantApi.OPERATOR, teams);
        assertThat(Http.json(read).getString("certificateThumbprint")).hasSize(40);

        // Test connection: the token is had (certificate assertion accepted), the access policy is what is missing
        JsonObject check = Http.json(TenantApi.post(TenantApi.OPERATOR, teams + "/check", null));
        assertThat(check.getBoolean("ok")).as(check.toString()).isFalse();
        assertThat(check.getString("failure")).isEqualTo("NO_ACCESS_POLICY");
        assertThat(check.getString("detail")).contains("Grant-CsApplicationAccessPolicy");
        assertThat(check.getString("words")).as("the page's words, English without Accept-Language")
                .startsWith("No application access policy lets the app create meetings");

        HttpResponse<String> onTeams = TenantApi.put(TenantApi.OPERATOR, teams + "/platform", null,
                "{\"meetingPlatform\":\"microsoft-teams\"}");
        assertThat(onTeams.statusCode()).as(onTeams.body()).isEqualTo(200);
        assertThat(Http.json(onTeams).getString("meetingPlatform")).isEqualTo("microsoft-teams");

        // a launch now: refused with the words for IT, in the browser's language, and an audit row
        LaunchBrowser early = new LaunchBrowser();
        HttpResponse<String> refused = launch(early, ADA, "appt-1005", clinic.providerLaunchUrl());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
        assertThat(refused.body()).contains("MEETING_PLATFORM_REFUSED", "The video meeting could not be made",
                "NO_ACCESS_POLICY");
        assertThat(clinic.auditRows()).anySatisfy(row -> {
            assertThat(row.getString("reasonCode")).isEqualTo("MEETING_PLATFORM_REFUSED");
            assertThat(row.getString("outcome")).isEqualTo("REFUSED");
        });

        // the Teams administrator grants the policy: Test connection passes, launches land on the one meeting
        registerStubApp(tenant, client, certificatePem, organizer, true);
        JsonObject passed = Http.json(TenantApi.post(TenantApi.OPERATOR, teams + "/check", null));
        assertThat(passed.getBoolean("ok")).as(passed.toString()).isTrue();
        // the stand-in's token carries the granted permissions in 'roles': the app lacks CallRecords.Read.All
        assertThat(passed.getBoolean("permissionsRead")).as(passed.toString()).isTrue();
        assertThat(passed.getJsonArray("permissions").getValuesAs(JsonObject.class))
                .extracting(p -> p.getString("graphName") + "=" + p.getBoolean("granted"))
                .containsExactly("OnlineMeetings.ReadWrite.All=true", "OnlineMeetingArtifact.Read.All=true",
                        "CallRecords.Read.All=false");
        assertThat(check.getBoolean("permissionsRead")).as("a token was had before the policy failed").isTrue();
        // the same answer in words for a Russian reader: the outcome and each permission, as on the Teams page
        HttpResponse<String> inRussian = Http.send(HttpRequest.newBuilder(TenantApi.at(teams + "/check"))
                .header("Authorization", TenantApi.OPERATOR.authorization()).header("Accept-Language", "ru")
                .POST(HttpRequest.BodyPublishers.noBody()));
        JsonObject russian = Http.json(inRussian);
        assertThat(russian.getString("words")).as(inRussian.body()).startsWith("Подключение работает");
        assertThat(russian.getJsonArray("permissions").getValuesAs(JsonObject.class))
                .filteredOn(p -> "CallRecords.Read.All".equals(p.getString("graphName")))
                .singleElement().satisfies(p -> {
                    assertThat(p.getString("permission")).isEqualTo("CALL_RECORDS");
                    assertThat(p.getString("words")).startsWith("CallRecords.Read.All: отсутствует");
                });

        LaunchBrowser ada = new LaunchBrowser();
        HttpResponse<String> meeting = launch(ada, ADA, "appt-1005", clinic.providerLaunchUrl());
        URI joined = ada.visited.get(ada.visited.size() - 1);
        assertThat(meeting.statusCode()).as(joined + ": " + meeting.body()).isEqualTo(200);
        assertThat(joined.getPath()).startsWith("/ehr-sandbox/teams/l/meetup-join/");
        assertThat(meeting.body()).contains("teamsMeeting");

        LaunchBrowser ben = new LaunchBrowser();
        launch(ben, BEN, "appt-1005", clinic.providerLaunchUrl());
        assertThat(ben.visited.get(ben.visited.size() - 1)).isEqualTo(joined);
        assertThat(stubMeetingsOf(organizer)).as("the check meeting and the visit's one meeting").isEqualTo(2);
        assertThat(clinic.auditRows()).filteredOn(r -> "PROVIDER_LAUNCH".equals(r.getString("reasonCode")))
                .hasSize(2).extracting(r -> r.getString("visitId")).containsOnly(
                        clinic.auditRows().stream().filter(r -> "PROVIDER_LAUNCH".equals(r.getString("reasonCode")))
                                .findFirst().orElseThrow().getString("visitId"));
        assertThat(SharedServer.logText()).doesNotContain(keyPem.substring(40, 80));

        String visitId = clinic.auditRows().stream().filter(r -> "PROVIDER_LAUNCH".equals(r.getString("reasonCode")))
                .findFirst().orElseThrow().getString("visitId");
        String meetingId = joined.getPath().substring(joined.getPath().lastIndexOf('/') + 1);
        patientsGoThroughTheDeviceTestToTheMeeting(clinic, ada, visitId, joined);
        attendanceBecomesVisitEventsOnce(clinic, tenant, organizer, visitId, meetingId);
        callRecordsGiveTheVisitsCallQuality(teams, tenant, client, certificatePem, organizer, visitId, joined);
        cliniciansSignInWithMicrosoftOnceAndThenOrganize(clinic, teams, tenant, client, certificatePem, organizer);
    }

    /**
     * The organization asks clinicians to sign in with Microsoft once and lets them organize their meetings: Ada's
     * first launch goes through the (stand-in) Microsoft sign-in and on to the meeting; her later launches go straight
     * to the meeting, and a new visit's meeting is organized by her Entra identity. Only the pair of ids is kept.
     */
    private static void cliniciansSignInWithMicrosoftOnceAndThenOrganize(ApprovedEndpoint clinic, String teams,
                                                                         String tenant, String client,
                                                                         String certificatePem, String organizer)
            throws Exception {
        String adaOid = UUID.randomUUID().toString();
        HttpResponse<String> registered = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/apps")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("tenantId", tenant)
                        .add("clientId", client).add("certificatePem", certificatePem).add("organizer", organizer)
                        .add("consented", true).add("accessPolicy", true)
                        .add("users", Json.createArrayBuilder().add(adaOid)).build().toString())));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> saved = TenantApi.put(TenantApi.OPERATOR, teams, null, Json.createObjectBuilder()
                .add("tenantId", tenant).add("clientId", client).add("organizer", organizer)
                .add("lobbyBypass", "ORGANIZATION").add("meetingChat", "LIMITED").add("entryExitAnnounced", true)
                .add("clinicianSignIn", "ORGANIZER").build().toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(Http.json(saved).getString("clinicianSignIn")).isEqualTo("ORGANIZER");

        // the first launch: Microsoft's sign-in first (PKCE), then the meeting
        LaunchBrowser ada = new LaunchBrowser();
        launch(ada, ADA, "appt-1006", clinic.providerLaunchUrl(), "/ehr-sandbox/entra/");
        URI authorize = ada.visited.get(ada.visited.size() - 1);
        assertThat(authorize.getPath()).isEqualTo("/ehr-sandbox/entra/" + tenant + "/oauth2/v2.0/authorize");
        assertThat(authorize.getRawQuery()).contains("code_challenge_method=S256", "client_id=" + client,
                "redirect_uri=", "nonce=", "scope=openid");
        HttpResponse<String> signInPage = ada.get(authorize);
        assertThat(signInPage.body()).contains("Object ID of the Microsoft account");
        StringBuilder form = new StringBuilder("oid=" + adaOid);
        for (String pair : authorize.getRawQuery().split("&")) {
            form.append('&').append(pair);
        }
        HttpResponse<String> signedIn = Http.send(HttpRequest.newBuilder(authorize.resolve(authorize.getPath()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/teams/sign-in/callback");
        HttpResponse<String> first = ada.follow(callback, null);
        URI firstMeeting = ada.visited.get(ada.visited.size() - 1);
        assertThat(first.statusCode()).as(firstMeeting + ": " + first.body()).isEqualTo(200);
        assertThat(firstMeeting.getPath()).startsWith("/ehr-sandbox/teams/l/meetup-join/");
        assertThat(ada.follow(callback, null).statusCode()).as("a sign-in works once").isEqualTo(502);

        // later launches: no sign-in; a new visit's meeting is Ada's own
        LaunchBrowser again = new LaunchBrowser();
        launch(again, ADA, "appt-1006", clinic.providerLaunchUrl());
        assertThat(again.visited).noneMatch(u -> u.getPath().startsWith("/ehr-sandbox/entra/"));
        assertThat(again.visited.get(again.visited.size() - 1)).isEqualTo(firstMeeting);
        assertThat(stubMeetingsOf(adaOid)).as("the first visit was made before Ada signed in").isZero();
        LaunchBrowser newVisit = new LaunchBrowser();
        launch(newVisit, ADA, "appt-1001", clinic.providerLaunchUrl());
        assertThat(newVisit.visited).noneMatch(u -> u.getPath().startsWith("/ehr-sandbox/entra/"));
        assertThat(newVisit.visited.get(newVisit.visited.size() - 1).getPath())
                .startsWith("/ehr-sandbox/teams/l/meetup-join/");
        assertThat(stubMeetingsOf(adaOid)).as("Ada organizes the new visit's meeting").isEqualTo(1);

        // the administrators see the link (the pair of ids only) and can remove it: then Ada signs in again
        HttpResponse<String> links = TenantApi.get(TenantApi.OPERATOR, teams + "/links");
        assertThat(links.statusCode()).as(links.body()).isEqualTo(200);
        JsonObject link = Http.json(links).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(l -> ADA.equals(l.getString("ehrUserId"))).findFirst().orElseThrow();
        assertThat(link.getString("entraObjectId")).isEqualTo(adaOid);
        assertThat(links.body()).doesNotContain("Stand-in user");
        HttpResponse<String> removed = Http.send(HttpRequest.newBuilder(SharedServer.baseUri().resolve(teams + "/links/"
                + link.getString("id"))).header("Authorization", TenantApi.OPERATOR.authorization()).DELETE());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        LaunchBrowser afterRemoval = new LaunchBrowser();
        launch(afterRemoval, ADA, "appt-1001", clinic.providerLaunchUrl(), "/ehr-sandbox/entra/");
        assertThat(afterRemoval.visited.get(afterRemoval.visited.size() - 1).getPath()).endsWith("/authorize");
        assertThat(SharedServer.logText()).doesNotContain("Stand-in user");
    }

    /**
     * A patient's launch and a join link land on OpenVisit's page of the visit (device test, then "Join the Teams
     * meeting"), which does not show the join URL; its button sends the browser on to the meeting. Without a verified
     * link or launch, nothing.
     */
    private static void patientsGoThroughTheDeviceTestToTheMeeting(ApprovedEndpoint clinic, LaunchBrowser ada,
                                                                   String visitId, URI joinUrl) {
        String teamsJoin = joinUrl.toString();
        LaunchBrowser patient = new LaunchBrowser();
        HttpResponse<String> lobby = launch(patient, "Patient/pat-pablo-reyes", "appt-1005", clinic.patientLaunchUrl());
        assertThat(lobby.statusCode()).as(lobby.body()).isEqualTo(200);
        assertThat(patient.visited.get(patient.visited.size() - 1).getPath())
                .isEqualTo("/visit/" + visitId + "/lobby");
        assertThat(lobby.body()).contains("id=\"joinTeams\"", "Join the Teams meeting", "deviceTest")
                .doesNotContain(teamsJoin, "meetup-join");
        HttpResponse<String> meeting = patient.follow(LaunchBrowser.at("/visit/" + visitId + "/teams"), null);
        assertThat(patient.visited.get(patient.visited.size() - 1)).isEqualTo(joinUrl);
        assertThat(meeting.body()).contains("teamsMeeting");

        // the clinician's page gives the patient's join link; it leads to the same page, in the browser's language
        HttpResponse<String> providerPage = ada.follow(LaunchBrowser.at("/visit/" + visitId), null);
        assertThat(providerPage.statusCode()).as(providerPage.body()).isEqualTo(200);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(/join\\?token=[A-Za-z0-9._~%-]+)")
                .matcher(providerPage.body());
        assertThat(link.find()).as("a patient link on the clinician's page").isTrue();
        LaunchBrowser invited = new LaunchBrowser();
        HttpResponse<String> joinPage = invited.follow(LaunchBrowser.at(link.group(1)),
                null);
        assertThat(invited.visited.get(invited.visited.size() - 1).getPath())
                .isEqualTo("/visit/" + visitId + "/lobby");
        assertThat(joinPage.body()).contains("id=\"joinTeams\"").doesNotContain(teamsJoin, "meetup-join");

        HttpResponse<String> stranger = new LaunchBrowser().follow(LaunchBrowser.at("/visit/" + visitId + "/teams"),
                null);
        assertThat(stranger.statusCode()).as("no pass, no meeting").isEqualTo(403);
        assertThat(stranger.body()).doesNotContain(teamsJoin, "meetup-join");
    }

    /**
     * The meeting's attendance reports become the visit's events, once each, and the reports show the visit; once the
     * meeting's session is over (everyone left, Teams' end of the session longer ago than the quiet period, 15 minutes
     * by default) the visit ends at that session's end and the EHR gets {@code VISIT_ENDED}.
     */
    private static void attendanceBecomesVisitEventsOnce(ApprovedEndpoint clinic, String tenant, String organizer,
                                                         String visitId, String meetingId) throws Exception {
        // a session of half an hour ago: over for longer than the quiet period once everyone has left
        Instant t0 = Instant.now().minusSeconds(1800).truncatedTo(ChronoUnit.SECONDS);
        Instant sessionEnd = t0.plusSeconds(310);
        JsonObject guest = record("Attendee", "8:teamsvisitor:guest-" + UUID.randomUUID(), "Pat Guestperson", null,
                null, t0.plusSeconds(60), t0.plusSeconds(240));
        setAttendance(meetingId, sessionEnd, record("Organizer", organizer, "Ada Okafor", tenant,
                "ada.okafor@clinic.example", t0, null), guest);
        List<JsonObject> items = awaitItems(clinic, visitId, 3);
        assertThat(items).extracting(i -> i.getString("eventType") + "@" + Instant.parse(i.getString("occurredAt")))
                .containsExactly("CONNECTED@" + t0, "CONNECTED@" + t0.plusSeconds(60),
                        "DISCONNECTED@" + t0.plusSeconds(240));

        // reading the same report again and again makes no other event, and while the organizer is still in
        // (no leave) the visit does not end however old the session's end
        int reads = stubAttendanceRequests(meetingId);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stubAttendanceRequests(meetingId) < reads + 4 && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        assertThat(stubAttendanceRequests(meetingId)).as("read again").isGreaterThanOrEqualTo(reads + 4);
        assertThat(queueItems(clinic, visitId)).hasSize(3);

        // the organizer leaves: their departure once, then the visit's end at the session's end (not now)
        setAttendance(meetingId, sessionEnd, record("Organizer", organizer, "Ada Okafor", tenant,
                "ada.okafor@clinic.example", t0, t0.plusSeconds(300)), guest);
        items = awaitItems(clinic, visitId, 5);
        assertThat(items).extracting(i -> i.getString("eventType") + "@"
                + Instant.parse(i.getString("occurredAt"))).containsExactly("CONNECTED@" + t0,
                "CONNECTED@" + t0.plusSeconds(60), "DISCONNECTED@" + t0.plusSeconds(240),
                "DISCONNECTED@" + t0.plusSeconds(300), "VISIT_ENDED@" + sessionEnd);
        // the EHR took them all, the end included
        long deliveredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<JsonObject> delivered = queueItems(clinic, visitId, "DELIVERED");
        while (delivered.size() < 5 && System.nanoTime() < deliveredBy) {
            Thread.sleep(500);
            delivered = queueItems(clinic, visitId, "DELIVERED");
        }
        assertThat(delivered).as("delivered to the sandbox EHR").extracting(i -> i.getString("eventType"))
                .containsExactly("CONNECTED", "CONNECTED", "DISCONNECTED", "DISCONNECTED", "VISIT_ENDED");
        HttpResponse<String> report = TenantApi.get(TenantApi.OPERATOR, "/api/reports/visits?org="
                + clinic.organizationId() + "&max=50&from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .minusDays(30) + "&to=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        JsonObject row = Http.json(report).getJsonArray("rows").getValuesAs(JsonObject.class).stream()
                .filter(r -> visitId.equals(r.getString("visitId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no report row of visit " + visitId + ": " + report.body()));
        assertThat(Instant.parse(row.getString("startAt"))).as("clinician and patient both in the call")
                .isEqualTo(t0.plusSeconds(60));
        assertThat(row.getJsonNumber("durationSeconds").longValue()).as("until the call emptied").isEqualTo(240);
        assertThat(row.getInt("attendantsAtOnce")).as("organizer and guest at once").isEqualTo(2);
        assertThat(row.getString("meetingPlatform")).isEqualTo("microsoft-teams");
        assertThat(row.getString("status")).as("ended by its meeting").isEqualTo("COMPLETED");
        assertThat(SharedServer.logText()).doesNotContain("Pat Guestperson", "ada.okafor@clinic.example");
    }

    /**
     * Call quality from Graph's call records: while the app lacks CallRecords.Read.All the Teams API says so in words
     * (English and Russian); once granted, OpenVisit's subscription is made (the stand-in validated the notification
     * address first), a call record of the visit's meeting notified by the stand-in becomes the visit's call-quality
     * rows and its report row's quality, once however often it is notified; a notification with another clientState
     * is answered 202 and changes nothing; the validation token is echoed as plain text.
     */
    private static void callRecordsGiveTheVisitsCallQuality(String teams, String tenant, String client,
                                                            String certificatePem, String organizer, String visitId,
                                                            URI joinUrl) throws Exception {
        JsonObject missing = awaitCallRecords(teams, "en", s -> s.containsKey("failure") && !s.isNull("failure"));
        assertThat(missing.getString("failure")).isEqualTo("CALL_RECORDS_PERMISSION_MISSING");
        assertThat(missing.getBoolean("active")).isFalse();
        assertThat(missing.getString("words")).contains("CallRecords.Read.All", "no call quality");
        assertThat(awaitCallRecords(teams, "ru", s -> true).getString("words"))
                .contains("CallRecords.Read.All", "разрешение");

        registerStubApp(tenant, client, certificatePem, organizer, true, true);
        JsonObject active = awaitCallRecords(teams, "en", s -> s.getBoolean("active"));
        assertThat(!active.containsKey("failure") || active.isNull("failure")).as(active.toString()).isTrue();
        assertThat(Instant.parse(active.getString("expiresAt"))).isAfter(Instant.now().plus(2, ChronoUnit.DAYS));
        JsonObject subscription = Http.json(Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                        .resolve("graph-admin/subscriptions")).GET())).getJsonArray("value").getValuesAs(JsonObject.class)
                .stream().filter(x -> tenant.equals(x.getString("tenantId"))).findFirst().orElseThrow();
        assertThat(subscription.getString("resource")).isEqualTo("/communications/callRecords");
        assertThat(subscription.getString("notificationUrl")).endsWith("/teams/graph/notifications");

        // Graph's validation handshake, asked directly: the token back, as plain text
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        HttpResponse<String> echoed = Http.send(HttpRequest.newBuilder(SharedServer.baseUri().resolve(
                        "/teams/graph/notifications?validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(echoed.body()).isEqualTo(token);

        // a notification with another clientState: 202, and its call record (of this very meeting) is not read
        String forged = UUID.randomUUID().toString();
        putCallRecord(forged, UUID.randomUUID().toString(), callRecord(joinUrl, organizer, tenant, "PT2S", 0.5));
        HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(SharedServer.baseUri()
                        .resolve("/teams/graph/notifications")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("value", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("subscriptionId", subscription.getString("id"))
                                .add("clientState", "not-the-secret").add("changeType", "created")
                                .add("resource", "communications/callRecords/" + forged).add("tenantId", tenant)))
                        .build().toString())));
        assertThat(refused.statusCode()).isEqualTo(202);

        // the meeting's call record: the stand-in notifies OpenVisit (202), which reads it into the visit's quality
        String recordId = UUID.randomUUID().toString();
        JsonObject notified = putCallRecord(recordId, tenant, callRecord(joinUrl, organizer, tenant, "PT0.5S", 0.1));
        assertThat(notified.getJsonArray("notified").getJsonNumber(0).intValue()).isEqualTo(202);
        String organization = teams.split("/")[3];
        List<JsonObject> quality = awaitQuality(organization, visitId, 2);
        JsonObject provider = quality.stream().filter(q -> "PROVIDER".equals(q.getString("role"))).findFirst()
                .orElseThrow(() -> new AssertionError(quality.toString()));
        JsonObject patient = quality.stream().filter(q -> "PATIENT".equals(q.getString("role"))).findFirst()
                .orElseThrow(() -> new AssertionError(quality.toString()));
        assertThat(provider.getJsonNumber("samples").longValue()).isEqualTo(2);
        assertThat(provider.getJsonNumber("rttMeanMs").doubleValue()).isEqualTo(50.0);
        assertThat(provider.getJsonNumber("jitterMeanMs").doubleValue()).isCloseTo(12.0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(provider.getJsonNumber("fpsMean").doubleValue()).isEqualTo(30.0);
        assertThat(patient.getJsonNumber("samples").longValue()).isEqualTo(1);
        assertThat(patient.getJsonNumber("rttMaxMs").doubleValue()).isEqualTo(500.0);
        assertThat(patient.getJsonNumber("lossMeanPercent").doubleValue()).isCloseTo(10.0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(stubCallRecordRequests(recordId)).as("the notified record read once").isEqualTo(1);
        assertThat(stubCallRecordRequests(forged)).as("the forged notification's record never read").isZero();
        HttpResponse<String> report = TenantApi.get(TenantApi.OPERATOR, "/api/reports/visits?org=" + organization
                + "&max=50&from="
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30) + "&to="
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30));
        JsonObject row = Http.json(report).getJsonArray("rows").getValuesAs(JsonObject.class).stream()
                .filter(r -> visitId.equals(r.getString("visitId"))).findFirst().orElseThrow();
        assertThat(row.getJsonObject("quality").getString("verdict")).as(row.toString()).isEqualTo("POOR");
        assertThat(row.getJsonObject("quality").getJsonNumber("rttWorstMs").doubleValue()).isEqualTo(500.0);

        // Graph notifies the same record again: read again, counted once
        putCallRecord(recordId, tenant, callRecord(joinUrl, organizer, tenant, "PT0.5S", 0.1));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stubCallRecordRequests(recordId) < 2 && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        assertThat(stubCallRecordRequests(recordId)).isEqualTo(2);
        Thread.sleep(2000);
        assertThat(timelineQuality(organization, visitId)).extracting(q -> q.getJsonNumber("samples").longValue())
                .containsExactlyInAnyOrder(2L, 1L);
        assertThat(SharedServer.logText()).contains("notification(s) with an unknown subscription or another "
                + "clientState were ignored").doesNotContain("not-the-secret", "Jane Guestperson", "jane@home.example");
    }

    /** A call record of the meeting in Graph's v1.0 shape: the organizer's session and a guest's, media streams. */
    private static JsonObject callRecord(URI joinUrl, String organizer, String tenant, String guestRtt,
                                         double guestLoss) {
        var service = Json.createObjectBuilder().add("@odata.type", "#microsoft.graph.callRecords.serviceEndpoint")
                .add("userAgent", Json.createObjectBuilder().add("@odata.type",
                        "#microsoft.graph.callRecords.serviceUserAgent").add("role", "conferencing"));
        var organizerSession = Json.createObjectBuilder().add("id", UUID.randomUUID().toString())
                .add("modalities", Json.createArrayBuilder().add("audio").add("video"))
                .add("caller", Json.createObjectBuilder().add("@odata.type",
                                "#microsoft.graph.callRecords.participantEndpoint").add("name", "ADA-LAPTOP")
                        .add("associatedIdentity", Json.createObjectBuilder().add("id", organizer)
                                .add("displayName", "Ada Okafor").add("tenantId", tenant)
                                .add("userPrincipalName", "ada.okafor@clinic.example")))
                .add("callee", service)
                .add("segments", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "seg-1")
                        .add("media", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("label", "main-audio").add("streams",
                                        Json.createArrayBuilder().add(Json.createObjectBuilder()
                                                .add("streamId", "1").add("streamDirection", "callerToCallee")
                                                .add("averageRoundTripTime", "PT0.04S").add("averageJitter", "PT0.012S")
                                                .add("averagePacketLossRate", 0.01).addNull("averageAudioDegradation"))))
                                .add(Json.createObjectBuilder().add("label", "main-video").add("streams",
                                        Json.createArrayBuilder().add(Json.createObjectBuilder()
                                                .add("streamId", "2").add("streamDirection", "calleeToCaller")
                                                .add("averageRoundTripTime", "PT0.06S")
                                                .add("averageVideoFrameRate", 30.0)))))));
        var guestSession = Json.createObjectBuilder().add("id", UUID.randomUUID().toString())
                .add("caller", Json.createObjectBuilder().add("@odata.type",
                                "#microsoft.graph.callRecords.participantEndpoint").add("name", "Jane Guestperson's phone")
                        .add("identity", Json.createObjectBuilder().add("guest", Json.createObjectBuilder()
                                .add("id", "8:teamsvisitor:" + UUID.randomUUID()).add("displayName", "Jane Guestperson")
                                .add("email", "jane@home.example"))))
                .add("callee", service)
                .add("segments", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "seg-2")
                        .add("media", Json.createArrayBuilder().add(Json.createObjectBuilder().add("label", "main-audio")
                                .add("streams", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                        .add("streamDirection", "calleeToCaller").add("averageRoundTripTime", guestRtt)
                                        .add("averagePacketLossRate", guestLoss)))))));
        return Json.createObjectBuilder()
                .add("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords(sessions(segments()))/$entity")
                .add("version", 1).add("type", "groupCall")
                .add("modalities", Json.createArrayBuilder().add("audio").add("video"))
                .add("startDateTime", Instant.now().minusSeconds(900).toString())
                .add("endDateTime", Instant.now().minusSeconds(60).toString())
                .add("joinWebUrl", joinUrl.toString())
                .add("organizer_v2", Json.createObjectBuilder().add("id", organizer))
                .add("sessions", Json.createArrayBuilder().add(organizerSession).add(guestSession)).build();
    }

    /** Stores the call record in the stand-in, which notifies the subscriptions of {@code tenant}. */
    private static JsonObject putCallRecord(String id, String tenant, JsonObject record) {
        HttpResponse<String> put = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                        .resolve("graph-admin/callRecords/" + id + "?tenantId=" + tenant))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(record.toString())));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return Http.json(put);
    }

    /** How often the stand-in answered a request of this call record (this test's own count). */
    private static int stubCallRecordRequests(String recordId) {
        return Http.json(Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/meetings?organizer=x&callRecord=" + recordId)).GET())).getInt("callRecordRequests");
    }

    private static JsonObject awaitCallRecords(String teams, String language,
                                               java.util.function.Predicate<JsonObject> done) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonObject state = null;
        while (System.nanoTime() < until) {
            HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(SharedServer.baseUri()
                    .resolve(teams + "/call-records")).header("Authorization", TenantApi.OPERATOR.authorization())
                    .header("Accept-Language", language).GET());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            state = Http.json(answer);
            if (done.test(state)) {
                return state;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the call records subscription did not get there: " + state);
    }

    private static List<JsonObject> timelineQuality(String organization, String visitId) {
        HttpResponse<String> timeline = TenantApi.get(TenantApi.OPERATOR, "/api/reports/visits/" + visitId + "?org="
                + organization);
        assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
        return Http.json(timeline).getJsonArray("quality").getValuesAs(JsonObject.class);
    }

    private static List<JsonObject> awaitQuality(String organization, String visitId, int attendees)
            throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonObject> quality = timelineQuality(organization, visitId);
        while (quality.size() < attendees && System.nanoTime() < until) {
            Thread.sleep(500);
            quality = timelineQuality(organization, visitId);
        }
        assertThat(quality).as("the visit's call quality").hasSize(attendees);
        return quality;
    }

    private static JsonObject record(String role, String id, String name, String tenant, String email, Instant join,
                                     Instant leave) {
        var identity = Json.createObjectBuilder().add("id", id).add("displayName", name);
        identity = tenant == null ? identity.addNull("tenantId") : identity.add("tenantId", tenant);
        var interval = Json.createObjectBuilder().add("joinDateTime", join.toString())
                .add("durationInSeconds", leave == null ? 0 : leave.getEpochSecond() - join.getEpochSecond());
        interval = leave == null ? interval.addNull("leaveDateTime") : interval.add("leaveDateTime", leave.toString());
        var r = Json.createObjectBuilder().add("role", role).add("identity", identity)
                .add("totalAttendanceInSeconds", leave == null ? 0 : leave.getEpochSecond() - join.getEpochSecond())
                .add("attendanceIntervals", Json.createArrayBuilder().add(interval));
        return (email == null ? r.addNull("emailAddress") : r.add("emailAddress", email)).build();
    }

    /** The meeting's one attendance report: its session began at the first join and ended at {@code sessionEnd}. */
    private static void setAttendance(String meetingId, Instant sessionEnd, JsonObject... records) {
        var list = Json.createArrayBuilder();
        Instant sessionStart = null;
        for (JsonObject r : records) {
            list.add(r);
            Instant join = Instant.parse(r.getJsonArray("attendanceIntervals").getJsonObject(0)
                    .getString("joinDateTime"));
            sessionStart = sessionStart == null || join.isBefore(sessionStart) ? join : sessionStart;
        }
        HttpResponse<String> set = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/attendance/" + meetingId)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("value", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("id", "report-1").add("totalParticipantCount", records.length)
                                .add("meetingStartDateTime", String.valueOf(sessionStart))
                                .add("meetingEndDateTime", sessionEnd.toString())
                                .add("attendanceRecords", list))).build().toString())));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    /** How often the stand-in answered an attendance request of this meeting (this test's own count). */
    private static int stubAttendanceRequests(String meetingId) {
        return Http.json(Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("graph-admin/meetings?organizer=x&meeting=" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8)))
                .GET())).getInt("attendanceRequests");
    }

    /** The visit's write-back items in their order, whatever their status (delivered ones too). */
    private static List<JsonObject> queueItems(ApprovedEndpoint clinic, String visitId) {
        return queueItems(clinic, visitId, "PENDING,IN_FLIGHT,RETRYING,FAILED,DELIVERED");
    }

    /** The visit's write-back items in their order: the queue's, or those of one status. */
    private static List<JsonObject> queueItems(ApprovedEndpoint clinic, String visitId, String status) {
        HttpResponse<String> queue = TenantApi.get(TenantApi.OPERATOR, "/api/endpoints/" + clinic.endpointId()
                + "/write-back?max=200" + (status == null ? "" : "&status=" + status));
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        return Http.json(queue).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> visitId.equals(i.getString("visitId")))
                .sorted(Comparator.comparingLong(i -> i.getJsonNumber("sequence").longValue())).toList();
    }

    private static List<JsonObject> awaitItems(ApprovedEndpoint clinic, String visitId, int count) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonObject> items = queueItems(clinic, visitId);
        while (items.size() < count && System.nanoTime() < until) {
            Thread.sleep(500);
            items = queueItems(clinic, visitId);
        }
        assertThat(items).as("the visit's events in the write-back queue").hasSize(count);
        return items;
    }

    /** A self-signed RSA certificate with its key, as keytool (and an IT person) makes one. */
    private static KeyStore certificate() throws Exception {
        Path store = Files.createTempDirectory("teams-it").resolve("app.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=OpenVisit IT",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        return keys;
    }
}
