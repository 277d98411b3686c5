package org.openvisit.it.launch;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encrypted context link launch over real HTTP against the demo organization: the organization's
 * administrator generates the endpoint's key through the API, the EHR sandbox is given that key and
 * switched to context links, and "Begin virtual visit" lands the clinician on the visit page and the
 * patient in the lobby. Then every refusal, with tokens made here exactly as CONTEXT-LINK.md says:
 * each answers its status and a page in plain words, opens no visit, and leaves an audit row.
 */
@org.junit.jupiter.api.parallel.Isolated("it switches the shared sandbox's launch to context links, which every other class's launch would follow")
class ContextLinkLaunchIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static String organizationId;
    private static String issuer;
    private static String keyId;
    private static byte[] key;

    @BeforeAll
    static void generateTheEndpointsKey() {
        organizationId = DemoOrganization.id();
        issuer = SharedServer.sandboxUri() + "fhir";
        JsonObject endpoint = Http.json(Http.getAsOperator(LaunchBrowser.at("/api/organizations/" + organizationId
                        + "/endpoints?max=100"))).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("baseUrl").equals(issuer)).findFirst()
                .orElseThrow(() -> new AssertionError("no demo endpoint for " + issuer));
        String admin = "ctx-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        HttpResponse<String> created = Http.postAsOperator(LaunchBrowser.at("/api/organizations/" + organizationId
                + "/users"), "application/json", Json.createObjectBuilder().add("username", admin)
                .add("displayName", "Context admin").add("password", password)
                .add("roles", Json.createArrayBuilder().add("ORG_ADMIN")).build().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> operatorTry = Http.postAsOperator(LaunchBrowser.at("/api/endpoints/"
                + endpoint.getString("id") + "/context-link-key"), "application/json", "");
        assertThat(operatorTry.statusCode()).as("only the organization's administrator").isEqualTo(403);
        HttpResponse<String> generated = Http.send(HttpRequest.newBuilder(LaunchBrowser.at("/api/endpoints/"
                        + endpoint.getString("id") + "/context-link-key"))
                .header("Authorization", SharedServer.basic(admin, password)).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(201);
        assertThat(generated.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        keyId = Http.json(generated).getString("keyId");
        key = Base64.getDecoder().decode(Http.json(generated).getString("key"));
        HttpResponse<String> current = Http.send(HttpRequest.newBuilder(LaunchBrowser.at("/api/endpoints/"
                + endpoint.getString("id") + "/context-link-key")).header("Authorization", SharedServer.basic(admin, password)));
        assertThat(current.body()).contains(keyId).doesNotContain(Http.json(generated).getString("key"));
    }

    @Test
    void beginVirtualVisitWithAContextLinkOpensTheVisitForTheClinicianAndThePatient() throws Exception {
        // the shared sandbox's registration as found, given back at the end (key and launch style), so that no
        // class after this one sees this test's key
        String registrationBefore = Http.get(SharedServer.sandboxUri().resolve("admin/api/apps/openvisit")).body();
        sandboxApp("{\"launchStyle\":\"CONTEXT_LINK\",\"contextKeyId\":\"" + keyId + "\",\"contextKey\":\""
                + Base64.getEncoder().encodeToString(key) + "\"}");
        try {
            LaunchBrowser ada = new LaunchBrowser();
            URI link = begin(ada, "Practitioner/prac-ada-okafor", "appt-1004");
            assertThat(link.getPath()).isEqualTo("/launch/context");
            HttpResponse<String> page = ada.follow(link, null);
            URI visitPage = ada.visited.get(ada.visited.size() - 1);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(visitPage.getPath()).matches("/visit/[0-9a-f-]{36}");
            assertThat(visitPage.getQuery()).isNull(); // the token is out of the address bar

            LaunchBrowser patient = new LaunchBrowser();
            HttpResponse<String> lobby = patient.follow(begin(patient, "Patient/pat-leo-marsh", "appt-1004"), null);
            assertThat(lobby.statusCode()).as(lobby.body()).isEqualTo(200);
            assertThat(patient.visited.get(patient.visited.size() - 1).getPath()).isEqualTo(visitPage.getPath() + "/lobby");
            // a patient's context link gives the lobby only, never the clinician's page or its data
            HttpResponse<String> clinicianPage = patient.get(visitPage);
            assertThat(clinicianPage.statusCode()).isIn(302, 303);
            assertThat(clinicianPage.headers().firstValue("Location").orElseThrow()).endsWith(visitPage.getPath() + "/lobby");
            assertThat(patient.get(URI.create(visitPage + "/events")).statusCode()).isEqualTo(403);

            // the same link again is a replay
            HttpResponse<String> replay = new LaunchBrowser().get(link);
            assertRefused(replay, 403, "REPLAYED");

            String visitId = visitPage.getPath().substring("/visit/".length());
            assertThat(DemoOrganization.auditRows()).anySatisfy(row -> {
                assertThat(row.getString("reasonCode")).isEqualTo("PROVIDER_CONTEXT_LINK");
                assertThat(row.getString("visitId")).isEqualTo(visitId);
                assertThat(row.getString("ehrUserId")).isEqualTo("Practitioner/prac-ada-okafor");
            }).anySatisfy(row -> {
                assertThat(row.getString("reasonCode")).isEqualTo("PATIENT_CONTEXT_LINK");
                assertThat(row.getString("visitId")).isEqualTo(visitId);
            });
            assertThat(SharedServer.logText()).doesNotContain(link.getRawQuery().substring("token=".length()));
        } finally {
            sandboxApp(registrationBefore);
        }
    }

    @Test
    void aValidTokenMadeHereOpensTheVisitOfItsAppointmentOnce() throws Exception {
        String token = token(keyId, key, claims(issuer, "appt-1005", "Practitioner/prac-ben-lindqvist", "provider",
                Instant.now(), Instant.now().plusSeconds(300)));
        LaunchBrowser ben = new LaunchBrowser();
        HttpResponse<String> page = ben.follow(contextLink(token), null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Practitioner/prac-ben-lindqvist");
        assertRefused(new LaunchBrowser().get(contextLink(token)), 403, "REPLAYED");
    }

    @Test
    void everyBadTokenIsRefusedWithItsReasonAndOpensNothing() throws Exception {
        long acceptedBefore = accepted();
        Instant now = Instant.now();
        String good = claims(issuer, "appt-1006", "Practitioner/prac-ada-okafor", "provider", now, now.plusSeconds(300));

        assertRefused(new LaunchBrowser().get(LaunchBrowser.at("/launch/context")), 400, "MISSING_TOKEN");
        assertRefused(new LaunchBrowser().get(contextLink("not-a-token")), 400, "MALFORMED_TOKEN");
        assertRefused(new LaunchBrowser().get(contextLink(token("ov-unknown", key, good))), 403, "UNKNOWN_KEY");

        byte[] otherKey = new byte[32];
        RANDOM.nextBytes(otherKey);
        assertRefused(new LaunchBrowser().get(contextLink(token(keyId, otherKey, good))), 403, "TAMPERED_OR_WRONG_KEY");

        byte[] tampered = Base64.getUrlDecoder().decode(token(keyId, key, good));
        tampered[tampered.length - 20] ^= 0x04;
        assertRefused(new LaunchBrowser().get(contextLink(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(tampered))), 403, "TAMPERED_OR_WRONG_KEY");

        assertRefused(new LaunchBrowser().get(contextLink(token(keyId, key, claims(issuer, "appt-1006",
                "Practitioner/prac-ada-okafor", "provider", now.minusSeconds(900), now.minusSeconds(600))))),
                403, "EXPIRED");
        assertRefused(new LaunchBrowser().get(contextLink(token(keyId, key, claims(issuer, "appt-1006",
                "Practitioner/prac-ada-okafor", "provider", now.plusSeconds(600), now.plusSeconds(900))))),
                403, "NOT_YET_VALID");
        assertRefused(new LaunchBrowser().get(contextLink(token(keyId, key, claims(issuer, "appt-1006",
                "Practitioner/prac-ada-okafor", "provider", now, now.plusSeconds(86_400))))), 403, "WINDOW_TOO_LONG");
        assertRefused(new LaunchBrowser().get(contextLink(token(keyId, key, claims("https://other-ehr.example/fhir",
                "appt-1006", "Practitioner/prac-ada-okafor", "provider", now, now.plusSeconds(300))))),
                403, "WRONG_ISSUER");
        assertRefused(new LaunchBrowser().get(contextLink(token(keyId, key, claims(issuer, "appt-1006",
                "Device/robot", "provider", now, now.plusSeconds(300))))), 403, "UNSUPPORTED_USER");
        assertRefused(new LaunchBrowser().get(contextLink(token(keyId, key, claims(issuer, null,
                "Practitioner/prac-ada-okafor", "provider", now, now.plusSeconds(300))))), 400, "NO_APPOINTMENT");

        // genuine (the endpoint's key) but without exp: incomplete, not "tampered" (issue 20)
        String noExpiry = good.replaceAll("&exp=\\d+", "");
        assertRefused(new LaunchBrowser().get(contextLink(token(keyId, key, noExpiry))), 400, "INCOMPLETE_CLAIMS");

        assertThat(accepted()).isEqualTo(acceptedBefore);
        assertThat(DemoOrganization.auditRows()).extracting(row -> row.getString("reasonCode"))
                .contains("TAMPERED_OR_WRONG_KEY", "EXPIRED", "NOT_YET_VALID", "WRONG_ISSUER", "NO_APPOINTMENT");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.body()).contains("data-reason=\"" + reason + "\"")
                .doesNotContain("Exception", "at org.");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty(); // no session: nothing granted
    }

    private static URI contextLink(String token) {
        return LaunchBrowser.at("/launch/context?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static URI begin(LaunchBrowser browser, String user, String appointment) {
        HttpResponse<String> response = browser.get(SharedServer.sandboxUri().resolve("ehr/launch?user="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&appointment=" + appointment));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private static void sandboxApp(String json) {
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                        .resolve("admin/api/apps/openvisit")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static String claims(String iss, String appointment, String user, String role, Instant nbf, Instant exp) {
        StringBuilder s = new StringBuilder("iss=" + URLEncoder.encode(iss, StandardCharsets.UTF_8));
        if (appointment != null) {
            s.append("&sid=").append(appointment.replace("appt-", "")).append("&appt=").append(appointment);
        }
        s.append("&pat=pat-leo-marsh&user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8))
                .append("&role=").append(role).append("&dept=loc-riverside-virtual")
                .append("&iat=").append(nbf.getEpochSecond()).append("&nbf=").append(nbf.getEpochSecond())
                .append("&exp=").append(exp.getEpochSecond());
        return s.toString();
    }

    /** A version-1 token exactly as ehr-sandbox/CONTEXT-LINK.md describes it. */
    private static String token(String kid, byte[] aesKey, String plaintext) throws Exception {
        byte[] id = kid.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(1);
        header.write(id.length);
        header.write(id);
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(header.toByteArray());
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(header.toByteArray());
        all.write(iv);
        all.write(sealed);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all.toByteArray());
    }

    private static long accepted() {
        return DemoOrganization.auditRows().stream().filter(r -> r.getString("outcome").equals("ACCEPTED")).count();
    }
}
