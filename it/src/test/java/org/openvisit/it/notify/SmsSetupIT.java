package org.openvisit.it.notify;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SiuMessages;
import org.openvisit.it.support.PrivacyScan;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.tenant.TenantApi;
import org.openvisit.it.tenant.TenantApi.User;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organization's SMS setup over real HTTP on the shared server (issue 15, first slice): both consents required,
 * a number provisioned asynchronously by the durable job and the built-in carrier (REQUESTED, IN_PROGRESS, ACTIVE),
 * a failure in words and its Retry (area code 212 fails a first attempt on the test server), release, links only to
 * the organization's own endpoints, withdrawal. The shared server's built-in carrier takes 1.5 s.
 */
class SmsSetupIT {

    private static final Duration PROVISIONING_LIMIT = Duration.ofSeconds(60);

    record Org(String id, User admin) {
        String sms() {
            return "/api/organizations/" + id + "/sms";
        }
    }

    private static Org organization(String name) {
        String id = TenantApi.organization(TenantApi.unique(name));
        return new Org(id, TenantApi.user(TenantApi.OPERATOR, id, "SmsAdmin", "ORG_ADMIN"));
    }

    private static HttpResponse<String> delete(User user, String path) {
        return Http.send(HttpRequest.newBuilder(TenantApi.at(path)).DELETE()
                .header("Authorization", org.openvisit.it.support.SharedServer.basic(user.username(), user.password())));
    }

    private static HttpResponse<String> put(User user, String path) {
        return TenantApi.put(user, path, null, "{}");
    }

    private static void consentBoth(Org org) {
        assertThat(put(org.admin(), org.sms() + "/consents/vendor-sends").statusCode()).isEqualTo(200);
        HttpResponse<String> both = put(org.admin(), org.sms() + "/consents/patients-consented");
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(Http.json(both).getBoolean("ready")).isTrue();
    }

    private static JsonObject request(Org org, String areaCode) {
        HttpResponse<String> requested = TenantApi.post(org.admin(), org.sms() + "/numbers",
                "{\"country\":\"US\",\"areaCode\":\"" + areaCode + "\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        JsonObject number = Http.json(requested);
        assertThat(number.getString("status")).isEqualTo("REQUESTED");
        assertThat(number.getBoolean("unfinished")).isTrue();
        return number;
    }

    /** Polls the number until its provisioning is finished; answers every status seen on the way, in order. */
    private static List<String> awaitFinished(Org org, String numberId, List<JsonObject> last) {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + PROVISIONING_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> read = TenantApi.get(org.admin(), org.sms() + "/numbers/" + numberId);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonObject number = Http.json(read);
            String status = number.getString("status");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            if (!number.getBoolean("unfinished")) {
                last.add(number);
                return seen;
            }
            sleep(200);
        }
        throw new AssertionError("Provisioning did not finish within " + PROVISIONING_LIMIT + "; seen " + seen);
    }

    @Test
    void nothingWithoutBothConsentsAndTheRefusalSaysSoInWords() {
        Org org = organization("SMS consents");
        JsonObject fresh = Http.json(TenantApi.get(org.admin(), org.sms()));
        assertThat(fresh.getBoolean("ready")).isFalse();
        assertThat(fresh.getJsonArray("consents")).hasSize(2);
        assertThat(fresh.getJsonArray("numbers")).isEmpty();

        HttpResponse<String> none = TenantApi.post(org.admin(), org.sms() + "/numbers", "{}");
        TenantApi.assertProblem(none, 409);
        assertThat(TenantApi.detail(none)).contains("both consents");

        put(org.admin(), org.sms() + "/consents/vendor-sends");
        HttpResponse<String> one = TenantApi.post(org.admin(), org.sms() + "/numbers", "{}");
        TenantApi.assertProblem(one, 409);

        JsonObject view = Http.json(TenantApi.get(org.admin(), org.sms()));
        JsonObject vendor = view.getJsonArray("consents").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("kind").equals("VENDOR_SENDS")).findFirst().orElseThrow();
        assertThat(vendor.getBoolean("given")).isTrue();
        assertThat(vendor.getString("by")).isEqualTo(org.admin().username());
        assertThat(vendor.getString("at")).isNotBlank();

        HttpResponse<String> unknown = put(org.admin(), org.sms() + "/consents/everything");
        TenantApi.assertProblem(unknown, 400);
        HttpResponse<String> badArea = TenantApi.post(org.admin(), org.sms() + "/numbers", "{\"areaCode\":\"2x2\"}");
        assertThat(badArea.statusCode()).as(badArea.body()).isIn(400, 409);
    }

    @Test
    void aNumberIsProvisionedAsynchronouslyLinkedToOwnEndpointsOnlyAndReleased() {
        Org org = organization("SMS numbers");
        Org other = organization("SMS other");
        consentBoth(org);
        JsonObject requested = request(org, "202");
        String id = requested.getString("id");

        List<JsonObject> last = new ArrayList<>();
        List<String> seen = awaitFinished(org, id, last);
        // asynchronous: the 202 answered REQUESTED (request() checks it) before the carrier gave the number; the polls
        // may first see REQUESTED or IN_PROGRESS, depending on when a node's 2-second scan ran
        assertThat(seen).endsWith("ACTIVE").doesNotContain("FAILED");
        JsonObject active = last.get(0);
        assertThat(active.getString("e164")).matches("\\+120255501\\d\\d");
        assertThat(active.getString("international")).startsWith("+1 202-555-01");

        // link to an endpoint of the organization; another organization's endpoint is refused
        String approver = TenantApi.user(TenantApi.OPERATOR, org.id(), "SmsAnalyst", "EHR_ANALYST").username();
        String mine = TenantApi.endpoint(org.admin(), org.id(), "https://" + TenantApi.unique("sms-ehr")
                .toLowerCase(Locale.ROOT) + ".example.org/fhir", "TEST", approver, false).getString("id");
        String theirs = TenantApi.endpoint(other.admin(), other.id(), "https://" + TenantApi.unique("sms-other")
                .toLowerCase(Locale.ROOT) + ".example.org/fhir", "TEST",
                TenantApi.user(TenantApi.OPERATOR, other.id(), "SmsAnalyst", "EHR_ANALYST").username(), false)
                .getString("id");
        HttpResponse<String> linked = put(org.admin(), org.sms() + "/numbers/" + id + "/endpoints/" + mine);
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        assertThat(Http.json(linked).getJsonArray("endpoints").getString(0)).isEqualTo(mine);
        HttpResponse<String> foreign = put(org.admin(), org.sms() + "/numbers/" + id + "/endpoints/" + theirs);
        TenantApi.assertProblem(foreign, 400);
        assertThat(TenantApi.detail(foreign)).contains("own endpoints");
        HttpResponse<String> missing = put(org.admin(), org.sms() + "/numbers/" + id + "/endpoints/" + UUID.randomUUID());
        TenantApi.assertProblem(missing, 400);

        // the other organization's administrator sees nothing of it, and an operator may look but not change
        assertThat(TenantApi.get(other.admin(), org.sms() + "/numbers/" + id).statusCode()).isEqualTo(403);
        assertThat(TenantApi.get(other.admin(), other.sms() + "/numbers/" + id).statusCode()).isEqualTo(404);
        assertThat(TenantApi.get(TenantApi.OPERATOR, org.sms()).statusCode()).isEqualTo(200);
        assertThat(TenantApi.post(TenantApi.OPERATOR, org.sms() + "/numbers/" + id + "/release", null).statusCode())
                .isEqualTo(403);

        // unlink, then release: the number serves nothing any more and cannot be released twice
        HttpResponse<String> unlinked = delete(org.admin(), org.sms() + "/numbers/" + id + "/endpoints/" + mine);
        assertThat(Http.json(unlinked).getJsonArray("endpoints")).isEmpty();
        put(org.admin(), org.sms() + "/numbers/" + id + "/endpoints/" + mine);
        HttpResponse<String> released = TenantApi.post(org.admin(), org.sms() + "/numbers/" + id + "/release", null);
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(Http.json(released).getString("status")).isEqualTo("RELEASED");
        assertThat(Http.json(released).getJsonArray("endpoints")).isEmpty();
        HttpResponse<String> again = TenantApi.post(org.admin(), org.sms() + "/numbers/" + id + "/release", null);
        TenantApi.assertProblem(again, 409);
        assertThat(TenantApi.detail(again)).contains("was released");
    }

    @Test
    void aFailureIsShownInWordsAndRetryGetsTheNumber() {
        Org org = organization("SMS failure");
        consentBoth(org);
        String id = request(org, "212").getString("id");
        List<JsonObject> last = new ArrayList<>();
        assertThat(awaitFinished(org, id, last)).endsWith("FAILED");
        assertThat(last.get(0).getString("failure")).contains("area code 212").contains("Retry");

        HttpResponse<String> retried = TenantApi.post(org.admin(), org.sms() + "/numbers/" + id + "/retry", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(Http.json(retried).getString("status")).isEqualTo("REQUESTED");
        assertThat(Http.json(retried).getInt("attempts")).isEqualTo(2);
        last.clear();
        assertThat(awaitFinished(org, id, last)).endsWith("ACTIVE");
        assertThat(last.get(0).getString("e164")).startsWith("+1212555");
        assertThat(last.get(0).containsKey("failure")).as("no failure once active").isFalse();

        HttpResponse<String> retryActive = TenantApi.post(org.admin(), org.sms() + "/numbers/" + id + "/retry", null);
        TenantApi.assertProblem(retryActive, 409);
    }

    @Test
    void withdrawingAConsentStopsNewNumbersAndRetriesAndIsKeptInTheHistory() {
        Org org = organization("SMS withdraw");
        consentBoth(org);
        String failing = request(org, "212").getString("id");
        awaitFinished(org, failing, new ArrayList<>());

        HttpResponse<String> withdrawn = delete(org.admin(), org.sms() + "/consents/patients-consented");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        JsonObject view = Http.json(withdrawn);
        assertThat(view.getBoolean("ready")).isFalse();
        assertThat(view.getJsonArray("consentHistory").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("action")).containsExactly("WITHDRAW", "GRANT", "GRANT");

        TenantApi.assertProblem(TenantApi.post(org.admin(), org.sms() + "/numbers", "{}"), 409);
        HttpResponse<String> retry = TenantApi.post(org.admin(), org.sms() + "/numbers/" + failing + "/retry", null);
        TenantApi.assertProblem(retry, 409);
        assertThat(TenantApi.detail(retry)).contains("both consents");

        // only the organization's administrators give or withdraw
        User analyst = TenantApi.user(TenantApi.OPERATOR, org.id(), "SmsReader", "EHR_ANALYST");
        assertThat(put(analyst, org.sms() + "/consents/patients-consented").statusCode()).isEqualTo(403);
        assertThat(put(TenantApi.OPERATOR, org.sms() + "/consents/patients-consented").statusCode()).isEqualTo(403);
        assertThat(Http.json(TenantApi.get(org.admin(), org.sms())).getBoolean("ready")).isFalse();
    }

    // ----- the HL7v2 SIU appointment feed (issue 15, second slice) -----

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    /** An SIU message as an EHR writes it (segments separated by CR): PID-13 in parts (country, area, local). */
    private static String siu(String trigger, String control, String facility, String appointment, Instant start,
                              String local) {
        return siu(trigger, control, facility, appointment, start, local, null);
    }

    /** The same with the clinician's segment ({@code AIP|1||id^family^given^^^prefix}), null for none. */
    private static String siu(String trigger, String control, String facility, String appointment, Instant start,
                              String local, String aip) {
        String[] pid = new String[14];
        java.util.Arrays.fill(pid, "");
        pid[0] = "PID";
        pid[1] = "1";
        pid[3] = "MRN-" + appointment;
        pid[5] = "Doe^Jane";
        pid[13] = local == null ? "" : "^PRN^CP^^1^202^" + local;
        return String.join("\r",
                "MSH|^~\\&|EHR|" + facility + "|OPENVISIT|OV|" + HL7_TIME.format(Instant.now()) + "||SIU^" + trigger
                        + "|" + control + "|P|2.5.1",
                String.join("|", "SCH", appointment, appointment, "", "", "", "", "", "", "", "",
                        "^^^" + HL7_TIME.format(start) + "+0000"),
                String.join("|", pid),
                "RGS|1",
                "AIL|1||Cardiology") + (aip == null ? "" : "\r" + aip) + "\r";
    }

    private static String sign(String secret, byte[] body) {
        return SiuMessages.hmac(secret, new String(body, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> feed(String endpoint, String message, String signature) {
        HttpRequest.Builder post = HttpRequest.newBuilder(TenantApi.at("/api/feeds/hl7v2/" + endpoint))
                .header("Content-Type", "application/hl7-v2")
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8));
        if (signature != null) {
            post.header("X-OpenVisit-Signature", signature);
        }
        return Http.send(post);
    }

    /** Sends one message over MLLP (HL7's framing: VT, message, FS CR) and answers the acknowledgement. */
    private static String mllp(String message) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", SharedServer.mllpPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(0x0b);
            socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(new byte[] {0x1c, 0x0d});
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream ack = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = socket.getInputStream().read()) != -1 && b != 0x1c) {
                if (b != 0x0b) {
                    ack.write(b);
                }
            }
            return ack.toString(StandardCharsets.UTF_8);
        }
    }

    static List<JsonObject> outbox(Org org) {
        HttpResponse<String> read = TenantApi.get(org.admin(), org.sms() + "/messages");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return Json.createReader(new java.io.StringReader(read.body())).readArray().getValuesAs(JsonObject.class);
    }

    private static List<JsonObject> awaitOutbox(Org org, int size) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonObject> messages = outbox(org);
        while (messages.size() < size && System.nanoTime() < deadline) {
            sleep(300);
            messages = outbox(org);
        }
        assertThat(messages).as("outbox").hasSizeGreaterThanOrEqualTo(size);
        return messages;
    }

    @Test
    void theEhrsAppointmentFeedSendsConfirmationsOnceOverHttpsAndMllpCancelsAndHonoursStop() throws Exception {
        Org org = organization("SMS feed");
        consentBoth(org);
        String numberId = request(org, "202").getString("id");
        List<JsonObject> last = new ArrayList<>();
        assertThat(awaitFinished(org, numberId, last)).endsWith("ACTIVE");
        String from = last.get(0).getString("e164");
        String approver = TenantApi.user(TenantApi.OPERATOR, org.id(), "FeedAnalyst", "EHR_ANALYST").username();
        String endpoint = TenantApi.endpoint(org.admin(), org.id(), "https://" + TenantApi.unique("sms-feed")
                .toLowerCase(Locale.ROOT) + ".example.org/fhir", "TEST", approver, false).getString("id");
        assertThat(put(org.admin(), org.sms() + "/numbers/" + numberId + "/endpoints/" + endpoint).statusCode())
                .isEqualTo(200);
        String facility = "FAC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        HttpResponse<String> saved = TenantApi.put(org.admin(), org.sms() + "/endpoints/" + endpoint, null,
                "{\"confirmation\":true,\"reminderMinutes\":[1440,15],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"America/New_York\",\"sendingFacility\":\"" + facility + "\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(Http.json(saved).getJsonArray("reminderMinutes").toString()).isEqualTo("[1440,15]");
        assertThat(Http.json(saved).getBoolean("feedSecretSet")).isFalse();
        HttpResponse<String> badSettings = TenantApi.put(org.admin(), org.sms() + "/endpoints/" + endpoint, null,
                "{\"reminderMinutes\":[0]}");
        TenantApi.assertProblem(badSettings, 400);
        // quiet hours: both or neither, kept in the endpoint's time zone; one alone is refused in words
        HttpResponse<String> halfQuiet = TenantApi.put(org.admin(), org.sms() + "/endpoints/" + endpoint, null,
                "{\"timeZone\":\"America/New_York\",\"sendingFacility\":\"" + facility + "\",\"quietFrom\":\"21:00\"}");
        TenantApi.assertProblem(halfQuiet, 400);
        assertThat(halfQuiet.body()).contains("both a start and an end");
        HttpResponse<String> quiet = TenantApi.put(org.admin(), org.sms() + "/endpoints/" + endpoint, null,
                "{\"confirmation\":true,\"reminderMinutes\":[1440,15],\"timeZone\":\"America/New_York\","
                        + "\"sendingFacility\":\"" + facility + "\",\"quietFrom\":\"21:00\",\"quietUntil\":\"08:00\"}");
        assertThat(quiet.statusCode()).as(quiet.body()).isEqualTo(200);
        assertThat(Http.json(quiet).getString("quietFrom")).isEqualTo("21:00");
        assertThat(Http.json(quiet).getString("quietUntil")).isEqualTo("08:00");
        // back to no quiet hours: the feed's messages below must not wait for the time of day the test runs at
        HttpResponse<String> noQuiet = TenantApi.put(org.admin(), org.sms() + "/endpoints/" + endpoint, null,
                "{\"confirmation\":true,\"reminderMinutes\":[1440,15],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"America/New_York\",\"sendingFacility\":\"" + facility + "\"}");
        assertThat(noQuiet.statusCode()).as(noQuiet.body()).isEqualTo(200);
        JsonObject noQuietSettings = Http.json(noQuiet);
        assertThat(!noQuietSettings.containsKey("quietFrom") || noQuietSettings.isNull("quietFrom")).isTrue();
        HttpResponse<String> made = TenantApi.post(org.admin(), org.sms() + "/endpoints/" + endpoint + "/feed-secret",
                "{}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        String secret = Http.json(made).getString("secret");
        assertThat(Http.json(TenantApi.get(org.admin(), org.sms() + "/endpoints/" + endpoint)).toString())
                .doesNotContain(secret).contains("\"feedSecretSet\":true");

        // a booking in three hours: the 24-hour reminder is already past (skipped), the 15-minute one waits
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        String booked = siu("S12", "C1-" + facility, facility, "APT-1", start, "5550147");
        byte[] bookedBytes = booked.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> forged = feed(endpoint, booked, sign("not-the-secret", bookedBytes));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("MSA|AR|C1-" + facility).contains("signature");
        assertThat(feed(endpoint, booked, null).statusCode()).isEqualTo(401);
        assertThat(feed(UUID.randomUUID().toString(), booked, sign(secret, bookedBytes)).statusCode()).isEqualTo(404);

        HttpResponse<String> accepted = feed(endpoint, booked, sign(secret, bookedBytes));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("MSA|AA|C1-" + facility);
        assertThat(accepted.headers().firstValue("X-OpenVisit-Feed-Result")).hasValue("ACCEPTED");
        HttpResponse<String> again = feed(endpoint, booked, sign(secret, bookedBytes));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("MSA|AA|C1-" + facility);
        assertThat(again.headers().firstValue("X-OpenVisit-Feed-Result")).hasValue("DUPLICATE");

        // bad numbers: refused with the reason, nothing stored
        String invalid = siu("S12", "C2-" + facility, facility, "APT-9", start, "0000000");
        HttpResponse<String> refused = feed(endpoint, invalid, sign(secret, invalid.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("MSA|AE|C2-" + facility).contains("not a valid");
        String none = siu("S12", "C3-" + facility, facility, "APT-9", start, null);
        HttpResponse<String> noMobile = feed(endpoint, none, sign(secret, none.getBytes(StandardCharsets.UTF_8)));
        assertThat(noMobile.statusCode()).isEqualTo(400);
        assertThat(noMobile.body()).contains("MSA|AE|C3-" + facility).contains("no mobile number");

        List<JsonObject> first = awaitOutbox(org, 1);
        assertThat(first).hasSize(1);
        JsonObject confirmation = first.get(0);
        assertThat(confirmation.getString("from")).isEqualTo(from);
        assertThat(confirmation.getString("toMasked")).isEqualTo("+1••••••0147");
        assertThat(confirmation.getString("body")).contains("is booked").contains("/j/").contains("SMS feed")
                .doesNotContain("5550147").doesNotContain("Doe").doesNotContain("Cardiology");

        // the short link names no patient; before the clinician opens the visit, it says the visit is not open yet
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(/j/[a-z0-9]+)")
                .matcher(confirmation.getString("body"));
        assertThat(link.find()).isTrue();
        HttpResponse<String> early = Http.send(HttpRequest.newBuilder(TenantApi.at(link.group(1))));
        assertThat(early.statusCode()).isEqualTo(404);
        assertThat(early.body()).contains("not open yet");
        assertThat(Http.send(HttpRequest.newBuilder(TenantApi.at("/j/zzzzzzzzzz"))).body())
                .contains("does not open a visit");

        // MLLP: the endpoint is found by its sending facility
        String ack = mllp(siu("S12", "C4-" + facility, facility, "APT-2", start, "5550148"));
        assertThat(ack).contains("MSA|AA|C4-" + facility);
        assertThat(mllp("not hl7")).contains("MSA|AR");
        awaitOutbox(org, 2);

        // cancelled: a cancellation notice, and the pending reminder will not go out
        String cancelled = siu("S15", "C5-" + facility, facility, "APT-1", start, null);
        HttpResponse<String> cancel = feed(endpoint, cancelled, sign(secret,
                cancelled.getBytes(StandardCharsets.UTF_8)));
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        List<JsonObject> three = awaitOutbox(org, 3);
        assertThat(three.get(0).getString("body")).contains("is cancelled");
        String moveCancelled = siu("S13", "C6-" + facility, facility, "APT-1", start.plusSeconds(3600), null);
        HttpResponse<String> notApplicable = feed(endpoint, moveCancelled, sign(secret,
                moveCancelled.getBytes(StandardCharsets.UTF_8)));
        assertThat(notApplicable.statusCode()).isEqualTo(409);
        assertThat(notApplicable.body()).contains("MSA|AE|C6-" + facility).contains("cancelled");

        // STOP: answered once, in the organization's own words of it, then nothing more to this number
        HttpResponse<String> ownStop = TenantApi.put(org.admin(), org.sms() + "/templates/STOP/en", null,
                "{\"text\":\"{organization}: unsubscribed, nothing more will come. Text START to rejoin.\"}");
        assertThat(ownStop.statusCode()).as(ownStop.body()).isEqualTo(200);
        HttpResponse<String> stop = TenantApi.post(org.admin(), org.sms() + "/messages/inbound",
                "{\"from\":\"+12025550147\",\"to\":\"" + from + "\",\"text\":\"Stop\"}");
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        assertThat(Http.json(stop).getString("keyword")).isEqualTo("STOP");
        awaitOutbox(org, 4);
        String afterStop = siu("S12", "C7-" + facility, facility, "APT-3", start, "5550147");
        assertThat(feed(endpoint, afterStop, sign(secret, afterStop.getBytes(StandardCharsets.UTF_8))).statusCode())
                .isEqualTo(200);
        sleep(6_000); // three runs of the 2-second send job
        List<String> bodies = outbox(org).stream().map(m -> m.getString("toMasked") + " " + m.getString("body"))
                .toList();
        assertThat(bodies).hasSize(4);
        assertThat(bodies.stream().filter(b -> b.contains("is booked"))).hasSize(2);
        assertThat(bodies.stream().filter(b -> b.contains("is cancelled"))).hasSize(1);
        assertThat(bodies.stream().filter(b -> b.contains(": unsubscribed, nothing more will come."))).hasSize(1);
        assertThat(SharedServer.logText()).doesNotContain("2025550147").doesNotContain("202 5550147");
    }

    private static HttpResponse<String> uploadCertificate(Org org, String endpoint, String contentType, byte[] file,
                                                          String language) {
        return Http.send(HttpRequest.newBuilder(TenantApi.at(org.sms() + "/endpoints/" + endpoint + "/feed-certificate"))
                .header("Authorization", org.admin().authorization()).header("Content-Type", contentType)
                .header("Accept-Language", language).PUT(HttpRequest.BodyPublishers.ofByteArray(file)));
    }

    private static boolean noCertificate(JsonObject settings) {
        return !settings.containsKey("feedCertificate") || settings.isNull("feedCertificate");
    }

    private static HttpResponse<String> signedFeed(String endpoint, String message, String signature,
                                                   String timestamp) {
        return Http.send(HttpRequest.newBuilder(TenantApi.at("/api/feeds/hl7v2/" + endpoint))
                .header("Content-Type", "application/hl7-v2").header("X-OpenVisit-Signature", signature)
                .header("X-OpenVisit-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8)));
    }

    /**
     * The certificate way of the HTTPS feed: the uploads refused in the caller's language (not a certificate, a
     * private key in the file, expired, a short RSA key), an EC certificate uploaded as PEM and shown with its
     * fingerprint, an S12 signed with its key applied once (AA, the confirmation in the outbox as with the secret), the
     * same message signed by another key, with a stale timestamp or with the secret's scheme refused (401, AR); after
     * the removal the endpoint has no way in (404).
     */
    @Test
    void theFeedTakesAMessageSignedWithTheUploadedCertificatesKeyAndNoOtherKey() throws Exception {
        Org org = organization("SMS cert");
        consentBoth(org);
        String endpoint = endpointWithActiveNumber(org, "CertAnalyst", "sms-cert");
        HttpResponse<String> saved = TenantApi.put(org.admin(), org.sms() + "/endpoints/" + endpoint, null,
                "{\"confirmation\":true,\"reminderMinutes\":[],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"America/New_York\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        // refusals, each in the caller's language
        HttpResponse<String> garbage = uploadCertificate(org, endpoint, "application/x-pem-file",
                "not a certificate".getBytes(StandardCharsets.US_ASCII), "en");
        TenantApi.assertProblem(garbage, 400);
        assertThat(Http.json(garbage).getString("detail")).contains("not an X.509 certificate");
        HttpResponse<String> garbageRu = uploadCertificate(org, endpoint, "application/x-pem-file",
                "not a certificate".getBytes(StandardCharsets.US_ASCII), "ru");
        TenantApi.assertProblem(garbageRu, 400);
        assertThat(Http.json(garbageRu).getString("detail")).contains("не является сертификатом X.509");
        EngineCertificates engine = EngineCertificates.make("-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "30");
        HttpResponse<String> withKey = uploadCertificate(org, endpoint, "application/x-pem-file", (engine.pem()
                + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII),
                "zh-CN");
        TenantApi.assertProblem(withKey, 400);
        assertThat(Http.json(withKey).getString("detail")).contains("私钥");
        EngineCertificates expired = EngineCertificates.make("-keyalg", "RSA", "-keysize", "2048",
                "-startdate", "-400d", "-validity", "30");
        HttpResponse<String> tooOld = uploadCertificate(org, endpoint, "application/pkix-cert",
                expired.certificate().getEncoded(), "en");
        TenantApi.assertProblem(tooOld, 400);
        assertThat(Http.json(tooOld).getString("detail")).contains("expired on");
        EngineCertificates weak = EngineCertificates.make("-keyalg", "RSA", "-keysize", "1024", "-validity", "30");
        HttpResponse<String> short1024 = uploadCertificate(org, endpoint, "application/pkix-cert",
                weak.certificate().getEncoded(), "zh-TW");
        TenantApi.assertProblem(short1024, 400);
        assertThat(Http.json(short1024).getString("detail")).contains("RSA-1024").contains("2048 位元");
        assertThat(noCertificate(Http.json(TenantApi.get(org.admin(), org.sms() + "/endpoints/" + endpoint))))
                .as("nothing kept").isTrue();

        // the engine's certificate (PEM), shown with its fingerprint; the secret is not needed
        HttpResponse<String> uploaded = uploadCertificate(org, endpoint, "application/x-pem-file",
                engine.pem().getBytes(StandardCharsets.US_ASCII), "en");
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonObject certificate = Http.json(uploaded).getJsonObject("feedCertificate");
        String fingerprint = java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(engine.certificate().getEncoded()));
        assertThat(certificate.getString("sha256Fingerprint")).isEqualTo(fingerprint);
        assertThat(certificate.getString("subject")).isEqualTo("CN=North interface engine,O=OpenVisit IT");
        assertThat(certificate.getString("key")).isEqualTo("EC P-256");
        assertThat(certificate.getString("scheme")).isEqualTo("ecdsa-sha256");
        assertThat(certificate.getString("uploadedBy")).isEqualTo(org.admin().username());
        assertThat(certificate.getBoolean("validNow")).isTrue();
        assertThat(Http.json(uploaded).getBoolean("feedSecretSet")).isFalse();

        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        String booked = siu("S12", "K1-" + endpoint.substring(0, 8), "CERTFAC", "APT-C1", start, "5550171");
        byte[] bytes = booked.getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());

        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        HttpResponse<String> otherKey = signedFeed(endpoint, booked, EngineCertificates.sign(
                generator.generateKeyPair().getPrivate(), now, bytes), now);
        assertThat(otherKey.statusCode()).as(otherKey.body()).isEqualTo(401);
        assertThat(otherKey.body()).contains("MSA|AR|K1-").contains("does not match");
        String old = Long.toString(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
        HttpResponse<String> stale = signedFeed(endpoint, booked, EngineCertificates.sign(engine.key(), old, bytes),
                old);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(401);
        assertThat(stale.body()).contains("MSA|AR|K1-").contains("seconds away");
        assertThat(feed(endpoint, booked, sign("no secret here", bytes)).statusCode()).isEqualTo(401);

        HttpResponse<String> accepted = signedFeed(endpoint, booked, EngineCertificates.sign(engine.key(), now, bytes),
                now);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("MSA|AA|K1-");
        assertThat(accepted.headers().firstValue("X-OpenVisit-Feed-Result")).hasValue("ACCEPTED");
        // sent again within the five minutes: the control id was applied before, nothing changes
        String later = Long.toString(Instant.now().getEpochSecond());
        HttpResponse<String> again = signedFeed(endpoint, booked, EngineCertificates.sign(engine.key(), later, bytes),
                later);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("X-OpenVisit-Feed-Result")).hasValue("DUPLICATE");

        List<JsonObject> sent = awaitOutbox(org, 1);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getString("toMasked")).isEqualTo("+1••••••0171");
        assertThat(sent.get(0).getString("body")).contains("is booked").contains("/j/");

        // removed: the endpoint has neither a secret nor a certificate, so the feed has no way in
        HttpResponse<String> removed = delete(org.admin(), org.sms() + "/endpoints/" + endpoint + "/feed-certificate");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(noCertificate(Http.json(removed))).isTrue();
        String control2 = siu("S12", "K2-" + endpoint.substring(0, 8), "CERTFAC", "APT-C2", start, "5550172");
        String t2 = Long.toString(Instant.now().getEpochSecond());
        assertThat(signedFeed(endpoint, control2, EngineCertificates.sign(engine.key(), t2,
                control2.getBytes(StandardCharsets.UTF_8)), t2).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> sendLink(org.openvisit.it.rooms.RoomClient client, String visit, String number,
                                                 String language) {
        return client.post(SharedServer.baseUri().resolve("visit/" + visit + "/sms"),
                "application/x-www-form-urlencoded",
                "number=" + java.net.URLEncoder.encode(number, StandardCharsets.UTF_8),
                "X-OpenVisit-Request", "sms", "Accept-Language", language);
    }

    private static JsonObject sendLinkOk(org.openvisit.it.rooms.RoomClient client, String visit, String number,
                                         String language) {
        HttpResponse<String> answer = sendLink(client, visit, number, language);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    /**
     * The clinician's "Send patient link by SMS" over real HTTP: each refusal in words (no settings, no consents, no
     * number, a bad number in the viewer's language, STOP, too fast), then a message with a short link of the visit
     * in the outbox, the visit's SMS_SENT event without the number, a send with nothing typed to the number the EHR's
     * feed sent for the appointment, and the numbers in no log.
     */
    @Test
    void theClinicianSendsThePatientLinkBySmsOnlyWhenSetUpAndWithinTheLimits() throws Exception {
        org.openvisit.it.launch.ApprovedEndpoint clinic = org.openvisit.it.launch.ApprovedEndpoint.at(
                SharedServer.sandboxUri().resolve("fhir").toString(), "SMS link clinic");
        Org org = new Org(clinic.organizationId(), TenantApi.user(TenantApi.OPERATOR, clinic.organizationId(),
                "SmsAdmin", "ORG_ADMIN"));
        org.openvisit.it.rooms.RoomClient clinician = new org.openvisit.it.rooms.RoomClient();
        HttpResponse<String> page = clinician.follow(SharedServer.sandboxUri().resolve("ehr/launch?user="
                + java.net.URLEncoder.encode("Practitioner/prac-chen-wu", StandardCharsets.UTF_8)
                + "&appointment=appt-1006&launchUrl="
                + java.net.URLEncoder.encode(clinic.providerLaunchUrl(), StandardCharsets.UTF_8)));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String visit = clinician.visitId();
        assertThat(page.body()).contains("id=\"smsForm\"", "<label for=\"smsNumber\">", "id=\"smsResult\"")
                .doesNotContain("notifications feature");

        // only the page's own request of a clinician of this visit
        HttpResponse<String> noHeader = clinician.post(SharedServer.baseUri().resolve("visit/" + visit + "/sms"),
                "application/x-www-form-urlencoded", "number=2025550148");
        assertThat(noHeader.statusCode()).isEqualTo(403);
        HttpResponse<String> crossSite = clinician.post(SharedServer.baseUri().resolve("visit/" + visit + "/sms"),
                "application/x-www-form-urlencoded", "number=2025550148", "X-OpenVisit-Request", "sms",
                "Origin", "https://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(sendLink(new org.openvisit.it.rooms.RoomClient(), visit, "2025550148", "en").statusCode())
                .isEqualTo(403);

        // each refusal in words, in order of what is missing
        JsonObject notSetUp = sendLinkOk(clinician, visit, "2025550148", "en");
        assertThat(notSetUp.getString("result")).isEqualTo("NOT_SET_UP");
        assertThat(notSetUp.getString("message")).contains("SMS is not set up");
        HttpResponse<String> saved = TenantApi.put(org.admin(), org.sms() + "/endpoints/" + clinic.endpointId(), null,
                "{\"confirmation\":true,\"reminderMinutes\":[],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"America/New_York\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonObject noConsent = sendLinkOk(clinician, visit, "2025550148", "en");
        assertThat(noConsent.getString("result")).isEqualTo("NO_CONSENT");
        assertThat(noConsent.getString("message")).contains("both SMS consents");
        consentBoth(org);
        assertThat(sendLinkOk(clinician, visit, "2025550148", "en").getString("result")).isEqualTo("NO_NUMBER");
        String numberId = request(org, "202").getString("id");
        List<JsonObject> last = new ArrayList<>();
        assertThat(awaitFinished(org, numberId, last)).endsWith("ACTIVE");
        assertThat(put(org.admin(), org.sms() + "/numbers/" + numberId + "/endpoints/" + clinic.endpointId())
                .statusCode()).isEqualTo(200);

        JsonObject bad = sendLinkOk(clinician, visit, "12345", "ru");
        assertThat(bad.getString("result")).isEqualTo("INVALID_NUMBER");
        assertThat(bad.getString("field")).isEqualTo("number");
        assertThat(bad.getString("message")).contains("недействительный номер").doesNotContain("INVALID");
        assertThat(sendLinkOk(clinician, visit, "", "en").getString("message"))
                .as("nothing typed and no number from the EHR's feed")
                .isEqualTo("Type the patient's mobile number: the EHR sent none for this appointment.");

        // sent: the outbox has it (number masked) with a short link that opens this visit's lobby
        JsonObject sent = sendLinkOk(clinician, visit, "(202) 555-0148", "en");
        assertThat(sent.getString("result")).as(sent.toString()).isEqualTo("SENT");
        assertThat(sent.getString("message")).isEqualTo("The patient link was sent by SMS to +1••••••0148.");
        assertThat(sent.getJsonObject("event").getString("event")).isEqualTo("SMS_SENT");
        JsonObject message = outbox(org).get(0);
        assertThat(message.getString("toMasked")).isEqualTo("+1••••••0148");
        assertThat(message.getString("body")).contains("video visit is open").contains("/j/")
                .doesNotContain("5550148");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(/j/[a-z0-9]+)")
                .matcher(message.getString("body"));
        assertThat(link.find()).isTrue();
        HttpResponse<String> opened = Http.send(HttpRequest.newBuilder(TenantApi.at(link.group(1))));
        assertThat(opened.statusCode()).as(opened.body()).isBetween(300, 399);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).contains("/join?token=");
        org.openvisit.it.rooms.RoomClient patient = new org.openvisit.it.rooms.RoomClient();
        patient.follow(TenantApi.at(link.group(1)));
        assertThat(patient.visitId()).isEqualTo(visit);

        HttpResponse<String> events = clinician.get(SharedServer.baseUri().resolve("visit/" + visit + "/events"));
        assertThat(events.body()).contains("\"type\":\"SMS_SENT\"").doesNotContain("0148");

        // STOP is honoured; and no more than two a minute
        String from = last.get(0).getString("e164");
        HttpResponse<String> stop = TenantApi.post(org.admin(), org.sms() + "/messages/inbound",
                "{\"from\":\"+12025550149\",\"to\":\"" + from + "\",\"text\":\"STOP\"}");
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        JsonObject optedOut = sendLinkOk(clinician, visit, "+1 202 555 0149", "zh-CN");
        assertThat(optedOut.getString("result")).isEqualTo("OPTED_OUT");
        assertThat(optedOut.getString("message")).contains("STOP", "START").doesNotContain("OPTED_OUT");
        // nothing typed: the number the EHR's feed sent for this appointment (SIU S12 over HTTPS for appt-1006)
        HttpResponse<String> madeSecret = TenantApi.post(org.admin(), org.sms() + "/endpoints/" + clinic.endpointId()
                + "/feed-secret", "{}");
        assertThat(madeSecret.statusCode()).as(madeSecret.body()).isEqualTo(200);
        // with the clinician the EHR names for patients (AIP-3), which the organization's wording of the link uses
        String booked = SiuMessages.s12("LINK-FEED-1", "appt-1006",
                Instant.now().plus(java.time.Duration.ofHours(2)), "Okafor^Ada", "5550150")
                + "AIP|1||DR9^Mensah^Kofi^^^Dr\r";
        HttpResponse<String> linkWording = TenantApi.put(org.admin(), org.sms() + "/templates/LINK/en", null,
                "{\"text\":\"{clinician} ({organization}): your video visit is open. Join: {link}\"}");
        assertThat(linkWording.statusCode()).as(linkWording.body()).isEqualTo(200);
        HttpResponse<String> fed = Http.send(HttpRequest.newBuilder(SharedServer.baseUri().resolve("api/feeds/hl7v2/"
                        + clinic.endpointId())).header("Content-Type", "application/hl7-v2")
                .header("X-OpenVisit-Signature", SiuMessages.hmac(
                        Http.json(madeSecret).getString("secret"), booked))
                .POST(HttpRequest.BodyPublishers.ofString(booked, StandardCharsets.UTF_8)));
        assertThat(fed.statusCode()).as(fed.body()).isEqualTo(200);
        JsonObject fromFeed = sendLinkOk(clinician, visit, "", "en");
        assertThat(fromFeed.getString("result")).as(fromFeed.toString()).isEqualTo("SENT");
        assertThat(fromFeed.getString("message")).isEqualTo("The patient link was sent by SMS to +1••••••0150.");
        assertThat(outbox(org).stream().map(m -> m.getString("body")))
                .anySatisfy(body -> assertThat(body).startsWith("Dr Kofi Mensah (").contains("video visit is open"));
        JsonObject tooFast = sendLinkOk(clinician, visit, "2025550151", "en");
        assertThat(tooFast.getString("result")).isEqualTo("TOO_FAST");
        assertThat(tooFast.getString("message")).contains("Wait a minute");
        assertThat(outbox(org).stream().filter(m -> m.getString("body").contains("video visit is open"))).hasSize(2);
        assertThat(SharedServer.logText()).doesNotContain("2025550148").doesNotContain("555-0148")
                .doesNotContain("2025550150");
    }

    // ----- the appointment feed from FHIR (polling the EHR sandbox with backend services) -----

    private static String sandboxToken;

    /** A backend client of the test itself at the sandbox (inline JWKS), which may write Patients and Appointments. */
    private static synchronized String sandboxToken() throws Exception {
        if (sandboxToken != null) {
            return sandboxToken;
        }
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384)
                .keyID("sms-it-writer").generate();
        HttpResponse<String> registered = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                        .resolve("admin/api/apps/sms-it-writer")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"SMS test EHR writer\",\"kind\":"
                        + "\"CONFIDENTIAL_ASYMMETRIC\",\"jwks\":{\"keys\":[" + key.toPublicJWK().toJSONString()
                        + "]}}")));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String tokenUrl = SharedServer.sandboxUri().resolve("oauth/token").toString();
        com.nimbusds.jwt.SignedJWT assertion = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES384).keyID("sms-it-writer")
                        .build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("sms-it-writer").subject("sms-it-writer")
                        .audience(tokenUrl).jwtID(UUID.randomUUID().toString())
                        .expirationTime(java.util.Date.from(Instant.now().plusSeconds(120))).build());
        assertion.sign(new com.nimbusds.jose.crypto.ECDSASigner(key));
        HttpResponse<String> token = Http.post(java.net.URI.create(tokenUrl), "application/x-www-form-urlencoded",
                "grant_type=client_credentials&scope=" + enc("system/*.cruds") + "&client_assertion_type="
                        + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") + "&client_assertion="
                        + enc(assertion.serialize()));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        sandboxToken = Http.json(token).getString("access_token");
        return sandboxToken;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Writes a resource to the sandbox EHR as a clinician's edit would (PUT by id). */
    static void ehrPut(String type, String id, String json) throws Exception {
        HttpResponse<String> put = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                        .resolve("fhir/" + type + "/" + id)).header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + sandboxToken())
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
    }

    static String appointmentJson(String id, String status, Instant start, String patientReference) {
        return "{\"resourceType\":\"Appointment\",\"id\":\"" + id + "\",\"status\":\"" + status + "\","
                + "\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\","
                + "\"participant\":[{\"actor\":{\"reference\":\"" + patientReference + "\"},\"status\":\"accepted\"},"
                + "{\"actor\":{\"reference\":\"Location/loc-riverside-virtual\",\"display\":\"Riverside\"},"
                + "\"status\":\"accepted\"}]}";
    }

    /** An approved sandbox endpoint with both consents, an active number linked and SMS settings (English, UTC). */
    static Org fhirReady(String name, org.openvisit.it.launch.ApprovedEndpoint clinic) {
        Org org = new Org(clinic.organizationId(), TenantApi.user(TenantApi.OPERATOR, clinic.organizationId(),
                "SmsAdmin", "ORG_ADMIN"));
        consentBoth(org);
        String numberId = request(org, "202").getString("id");
        assertThat(awaitFinished(org, numberId, new ArrayList<>())).endsWith("ACTIVE");
        String feedSource = org.sms() + "/endpoints/" + clinic.endpointId() + "/feed-source";
        HttpResponse<String> unlinked = TenantApi.put(org.admin(), feedSource, null, "{\"source\":\"FHIR_POLLING\"}");
        TenantApi.assertProblem(unlinked, 400);
        assertThat(TenantApi.detail(unlinked)).contains("Link one of the organization's phone numbers");
        assertThat(put(org.admin(), org.sms() + "/numbers/" + numberId + "/endpoints/" + clinic.endpointId())
                .statusCode()).isEqualTo(200);
        HttpResponse<String> saved = TenantApi.put(org.admin(), org.sms() + "/endpoints/" + clinic.endpointId(), null,
                "{\"confirmation\":true,\"reminderMinutes\":[],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"UTC\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        return org;
    }

    /**
     * The endpoint's integration records, as its EHR's interface team downloads them, hold the SMS feed's address,
     * the field of the patient's mobile number and the number messages come from — no secret.
     */
    private static void smsRecordsAreAmongTheIntegrationRecords(Org org, String endpoint) {
        org.openvisit.it.tenant.PortalClient browser = new org.openvisit.it.tenant.PortalClient();
        browser.signIn(org.admin().username(), org.admin().password());
        HttpResponse<String> download = browser.get("/portal/integration-records?endpoint=" + endpoint);
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        java.util.Map<String, String> records = new java.util.LinkedHashMap<>();
        Http.json(download).getJsonArray("records").getValuesAs(JsonObject.class)
                .forEach(r -> records.put(r.getString("key"), r.getString("value")));
        assertThat(records).containsKeys("providerLaunchUrl", "smsFeedUrl", "smsPatientNumber", "smsSendingNumbers");
        assertThat(records.get("smsFeedUrl")).isEqualTo(SharedServer.baseUri().resolve("/api/feeds/hl7v2/" + endpoint)
                .toString());
        assertThat(records.get("smsPatientNumber")).startsWith("PID-13");
        assertThat(records.get("smsSendingNumbers")).matches("\\+1202\\d{7}");
        assertThat(records.keySet()).noneMatch(k -> k.toLowerCase(Locale.ROOT).contains("secret"));
    }

    /** A new endpoint of the organization (approved by an analyst of its own) with a new active number linked. */
    private static String endpointWithActiveNumber(Org org, String analyst, String host) {
        String numberId = request(org, "202").getString("id");
        assertThat(awaitFinished(org, numberId, new ArrayList<>())).endsWith("ACTIVE");
        String approver = TenantApi.user(TenantApi.OPERATOR, org.id(), analyst, "EHR_ANALYST").username();
        String endpoint = TenantApi.endpoint(org.admin(), org.id(), "https://" + TenantApi.unique(host)
                .toLowerCase(Locale.ROOT) + ".example.org/fhir", "TEST", approver, false).getString("id");
        assertThat(put(org.admin(), org.sms() + "/numbers/" + numberId + "/endpoints/" + endpoint).statusCode())
                .isEqualTo(200);
        return endpoint;
    }

    static JsonObject feedSource(Org org, String endpoint) {
        HttpResponse<String> read = TenantApi.get(org.admin(), org.sms() + "/endpoints/" + endpoint + "/feed-source");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return Http.json(read);
    }

    static HttpResponse<String> chooseFeed(Org org, String endpoint, String json) {
        return TenantApi.put(org.admin(), org.sms() + "/endpoints/" + endpoint + "/feed-source", null, json);
    }

    /** The outbox messages to the number ending in {@code last4}, waiting up to {@code limit} for {@code count}. */
    static List<JsonObject> awaitOutboxTo(Org org, String last4, int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<JsonObject> mine = List.of();
        while (System.nanoTime() < deadline) {
            mine = outbox(org).stream().filter(m -> m.getString("toMasked").endsWith(last4)).toList();
            if (mine.size() >= count) {
                return mine;
            }
            sleep(500);
        }
        throw new AssertionError("No " + count + " message(s) to ••" + last4 + " within " + limit + "; outbox: "
                + outbox(org).stream().map(m -> m.getString("toMasked") + " " + m.getString("body")).toList());
    }

    /**
     * An endpoint switched to FHIR polling: the job asks the sandbox EHR's FHIR API (SMART backend services) for the
     * appointments ahead, reads the patient's mobile number from Patient.telecom (absolute and relative patient
     * references), and the confirmation reaches the built-in carrier's outbox through the SIU intake; a patient without
     * a mobile number is skipped and counted; the cancellation made in the EHR later sends the notice; no number or
     * patient id in the log.
     */
    @Test
    void anEndpointSwitchedToFhirPollingPicksUpASandboxAppointmentAndItsCancellation() throws Exception {
        org.openvisit.it.launch.ApprovedEndpoint clinic = org.openvisit.it.launch.ApprovedEndpoint.at(
                SharedServer.sandboxUri().resolve("fhir").toString(), "SMS FHIR clinic");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String patient = "pat-sms-" + suffix;
        String silent = "pat-nomobile-" + suffix;
        String appointment = "apt-sms-" + suffix;
        ehrPut("Patient", patient, "{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\",\"telecom\":["
                + "{\"system\":\"phone\",\"use\":\"home\",\"value\":\"+1 202 555 0109\"},"
                + "{\"system\":\"sms\",\"value\":\"(202) 555-0163\"}]}");
        ehrPut("Patient", silent, "{\"resourceType\":\"Patient\",\"id\":\"" + silent + "\",\"telecom\":["
                + "{\"system\":\"email\",\"value\":\"someone@example.org\"}]}");
        Instant start = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES);
        String base = SharedServer.sandboxUri().resolve("fhir").toString();
        ehrPut("Appointment", appointment, appointmentJson(appointment, "booked", start, base + "/Patient/" + patient));
        ehrPut("Appointment", "apt-nomobile-" + suffix, appointmentJson("apt-nomobile-" + suffix, "booked", start,
                "Patient/" + silent));

        Org org = fhirReady("SMS FHIR clinic", clinic);
        TenantApi.assertProblem(chooseFeed(org, clinic.endpointId(), "{\"source\":\"FHIR_POLLING\","
                + "\"intervalMinutes\":0}"), 400);
        TenantApi.assertProblem(chooseFeed(org, clinic.endpointId(), "{\"source\":\"SMOKE_SIGNALS\"}"), 400);
        assertThat(TenantApi.put(TenantApi.OPERATOR, org.sms() + "/endpoints/" + clinic.endpointId() + "/feed-source",
                null, "{\"source\":\"FHIR_POLLING\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> chosen = chooseFeed(org, clinic.endpointId(),
                "{\"source\":\"FHIR_POLLING\",\"intervalMinutes\":5,\"horizonDays\":2}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(Http.json(chosen).getString("source")).isEqualTo("FHIR_POLLING");

        // the job (every 10 s on each node) polls at once: the confirmation goes to the patient's sms contact point
        JsonObject confirmation = awaitOutboxTo(org, "0163", 1, Duration.ofSeconds(90)).get(0);
        assertThat(confirmation.getString("toMasked")).isEqualTo("+1••••••0163");
        assertThat(confirmation.getString("body")).contains("is booked").contains("/j/")
                .doesNotContain("0163").doesNotContain("Riverside");

        // the short link finds the visit the clinician's launch opens for the appointment (OpenVisit keeps only keyed
        // hashes of the appointment's id, the visit's and the feed's alike)
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(/j/[a-z0-9]+)")
                .matcher(confirmation.getString("body"));
        assertThat(link.find()).isTrue();
        assertThat(Http.send(HttpRequest.newBuilder(TenantApi.at(link.group(1)))).body()).contains("not open yet");
        org.openvisit.it.rooms.RoomClient clinician = new org.openvisit.it.rooms.RoomClient();
        HttpResponse<String> launched = clinician.follow(SharedServer.sandboxUri().resolve("ehr/launch?user="
                + java.net.URLEncoder.encode("Practitioner/prac-chen-wu", StandardCharsets.UTF_8)
                + "&appointment=" + appointment + "&launchUrl="
                + java.net.URLEncoder.encode(clinic.providerLaunchUrl(), StandardCharsets.UTF_8)));
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        HttpResponse<String> opened = Http.send(HttpRequest.newBuilder(TenantApi.at(link.group(1))));
        assertThat(opened.statusCode()).as(opened.body()).isBetween(300, 399);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).contains("/join?token=");
        org.openvisit.it.rooms.RoomClient patientPage = new org.openvisit.it.rooms.RoomClient();
        patientPage.follow(TenantApi.at(link.group(1)));
        assertThat(patientPage.visitId()).isEqualTo(clinician.visitId());

        JsonObject state = feedSource(org, clinic.endpointId());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!state.containsKey("lastSuccessAt") && System.nanoTime() < deadline) {
            sleep(500);
            state = feedSource(org, clinic.endpointId());
        }
        assertThat(state.containsKey("lastSuccessAt")).as(state.toString()).isTrue();
        assertThat(state.containsKey("cursor")).as(state.toString()).isTrue();
        assertThat(state.containsKey("failureKind")).as(state.toString()).isFalse();
        assertThat(state.getJsonObject("skipReasons").getInt("NO_MOBILE")).as(state.toString()).isPositive();

        // the clinic cancels it in the EHR; switching the source off and on polls again at once (changed since the cursor)
        ehrPut("Appointment", appointment, appointmentJson(appointment, "cancelled", start, "Patient/" + patient));
        assertThat(chooseFeed(org, clinic.endpointId(), "{\"source\":\"HL7V2\"}").statusCode()).isEqualTo(200);
        assertThat(chooseFeed(org, clinic.endpointId(), "{\"source\":\"FHIR_POLLING\"}").statusCode()).isEqualTo(200);
        List<JsonObject> both = awaitOutboxTo(org, "0163", 2, Duration.ofSeconds(90));
        assertThat(both.get(0).getString("body")).contains("is cancelled");
        assertThat(both.stream().filter(m -> m.getString("body").contains("is booked"))).as("booked once").hasSize(1);

        String log = SharedServer.logText();
        assertThat(log).doesNotContain("2025550163").doesNotContain("555-0163").doesNotContain(patient)
                .doesNotContain("+1312555");
        // the EHR sandbox, deployed in the same server, logs its own launch of the appointment (as an EHR may)
        assertThat(PrivacyScan.log(log, List.of(appointment))).as("in OpenVisit's log lines")
                .isEmpty();
    }

    /**
     * The sandbox's token endpoint answers 401 to a backend client it does not know: the poll records the failure with
     * its reason, backs off, and /sms.xhtml shows it for that endpoint in the viewer's language.
     */
    @Test
    void aSandboxThatAnswers401ShowsTheReasonOnTheSmsPage() throws Exception {
        org.openvisit.it.launch.ApprovedEndpoint clinic = org.openvisit.it.launch.ApprovedEndpoint.at(
                SharedServer.sandboxUri().resolve("fhir").toString(), "SMS FHIR refused");
        Org org = fhirReady("SMS FHIR refused", clinic);
        smsRecordsAreAmongTheIntegrationRecords(org, clinic.endpointId());
        HttpResponse<String> client = TenantApi.put(org.admin(), "/api/endpoints/" + clinic.endpointId()
                + "/write-back/settings", null, "{\"adapter\":\"FHIR\",\"clientId\":\"unknown-to-the-ehr\"}");
        assertThat(client.statusCode()).as(client.body()).isEqualTo(200);
        assertThat(chooseFeed(org, clinic.endpointId(), "{\"source\":\"FHIR_POLLING\"}").statusCode())
                .isEqualTo(200);

        JsonObject state = feedSource(org, clinic.endpointId());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!state.containsKey("failureKind") && System.nanoTime() < deadline) {
            sleep(500);
            state = feedSource(org, clinic.endpointId());
        }
        assertThat(state.getString("failureKind", "none")).as(state.toString()).isEqualTo("UNAUTHORIZED");
        assertThat(state.getString("failureReason")).contains("HTTP 401").contains("unknown-to-the-ehr");
        assertThat(state.getInt("failures")).isEqualTo(1);
        assertThat(Instant.parse(state.getString("nextPollAt")))
                .isAfter(Instant.parse(state.getString("failedAt")).plusSeconds(20));
        assertThat(state.containsKey("cursor")).isFalse();

        org.openvisit.it.tenant.PortalClient browser = new org.openvisit.it.tenant.PortalClient().speaking("ru");
        browser.signIn(org.admin().username(), org.admin().password());
        HttpResponse<String> page = browser.get("/sms.xhtml?org=" + org.id());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"feed-" + clinic.endpointId() + "\"")
                .contains("Опрос не удаётся (1 раз подряд)")
                .contains("EHR не принимает клиент серверных служб OpenVisit")
                .contains("HTTP 401").doesNotContain("UNAUTHORIZED");
    }

    /** One Ajax request of /sms.xhtml as PrimeFaces sends it: the form's fields, the source, what it runs and redraws. */
    private static HttpResponse<String> ajax(org.openvisit.it.tenant.PortalClient browser, String page,
                                             String source, String event, String execute, String render,
                                             java.util.Map<String, String> fields) {
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", source);
        form.put("jakarta.faces.partial.execute", execute);
        form.put("jakarta.faces.partial.render", render);
        if (event != null) {
            form.put("jakarta.faces.behavior.event", event);
            form.put("jakarta.faces.partial.event", event);
        } else {
            form.put(source, source);
        }
        form.put("sms", "sms");
        form.putAll(fields);
        form.put("jakarta.faces.ViewState", org.openvisit.it.support.JsfForm.viewState(page));
        form.put(org.openvisit.it.support.JsfForm.NONCE_FIELD, org.openvisit.it.support.JsfForm.nonce(page));
        HttpResponse<String> answer = browser.postForm(TenantApi.at("/sms.xhtml"), form);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("Exception");
        return answer;
    }

    /**
     * The Message texts card of /sms.xhtml, as the page's Ajax requests drive it: the live preview counts segments
     * (GSM-7, then UCS-2 for a Chinese character), an unknown placeholder is refused in words and nothing is saved, a
     * good text is saved and the next confirmation the feed causes uses it; the feed's refusals are counted on the
     * page by reason, and the outbox is filtered by delivery status.
     */
    @Test
    void aTemplateEditedOnTheSmsPageIsCheckedPreviewedAndUsedByTheNextMessage() throws Exception {
        Org org = organization("SMS wording");
        consentBoth(org);
        String endpoint = endpointWithActiveNumber(org, "WordingAnalyst", "sms-wording");
        String facility = "FAC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        assertThat(TenantApi.put(org.admin(), org.sms() + "/endpoints/" + endpoint, null,
                "{\"confirmation\":true,\"reminderMinutes\":[15],\"phoneRegion\":\"US\",\"language\":\"en\","
                        + "\"timeZone\":\"America/New_York\",\"sendingFacility\":\"" + facility + "\"}").statusCode())
                .isEqualTo(200);
        String secret = Http.json(TenantApi.post(org.admin(), org.sms() + "/endpoints/" + endpoint + "/feed-secret",
                "{}")).getString("secret");

        org.openvisit.it.tenant.PortalClient browser = new org.openvisit.it.tenant.PortalClient().speaking("en");
        browser.signIn(org.admin().username(), org.admin().password());
        String page = browser.get("/sms.xhtml?org=" + org.id()).body();
        assertThat(page).contains("Message texts").contains("The shipped text: nothing changed yet.")
                .contains("id=\"templatePreviewText\"").contains("sent as GSM-7");

        // typing: the preview is redrawn with the example values, its length and why it cannot be saved yet
        String bad = "{organization}: {clinician} sees you on {date} at {time} about {diagnosis}. Join: {link}";
        HttpResponse<String> typed = ajax(browser, page, "sms:templateText", "keyup", "sms:templateText",
                "sms:templatePreview", java.util.Map.of("sms:templateText", bad));
        assertThat(typed.body()).contains("SMS wording").contains("Mar 9, 2027").contains("/j/Ab3dE5gH7j")
                .contains("segments: 1").contains("sent as GSM-7").contains(": Dr Maria Alvarez sees you on")
                .contains("{diagnosis} is not a placeholder this message can use");
        HttpResponse<String> refused = ajax(browser, page, "sms:saveTemplate", null,
                "sms:saveTemplate sms:templateText", "sms:templateEditor sms:messages",
                java.util.Map.of("sms:templateText", bad));
        assertThat(refused.body()).contains("{diagnosis} is not a placeholder this message can use")
                .doesNotContain("Text saved.");
        assertThat(browser.get("/sms.xhtml?org=" + org.id()).body()).contains("The shipped text: nothing changed yet.");
        HttpResponse<String> noLink = ajax(browser, page, "sms:saveTemplate", null,
                "sms:saveTemplate sms:templateText", "sms:templateEditor sms:messages",
                java.util.Map.of("sms:templateText", "{organization}: see you on {date}."));
        assertThat(noLink.body()).contains("must contain the join link");

        // one Chinese character: the whole message goes as UCS-2, in more segments
        String wide = "{organization} video visit {date} {time}. Tap {link} to join, reply STOP to opt out. 诊";
        HttpResponse<String> ucs2 = ajax(browser, page, "sms:templateText", "keyup", "sms:templateText",
                "sms:templatePreview", java.util.Map.of("sms:templateText", wide));
        assertThat(ucs2.body()).contains("sent as UCS-2").containsPattern("segments: [23];");

        String good = "{organization} video visit {date} {time}. Tap {link} to join, reply STOP to opt out.";
        HttpResponse<String> saved = ajax(browser, page, "sms:saveTemplate", null,
                "sms:saveTemplate sms:templateText", "sms:templateEditor sms:messages",
                java.util.Map.of("sms:templateText", good));
        assertThat(saved.body()).contains("Text saved.").contains("Your own wording, last changed by "
                + org.admin().username());

        // the same through the API: read, refused in words, previewed
        JsonObject confirmationText = Http.json(TenantApi.get(org.admin(), org.sms() + "/templates/CONFIRMATION/en"));
        assertThat(confirmationText.getBoolean("custom")).isTrue();
        assertThat(confirmationText.getString("text")).isEqualTo(good);
        HttpResponse<String> apiBad = TenantApi.put(org.admin(), org.sms() + "/templates/REMINDER/ru", null,
                "{\"text\":\"{organization}: {date}\"}");
        TenantApi.assertProblem(apiBad, 400);
        assertThat(apiBad.body()).contains("join link");
        assertThat(Http.json(TenantApi.get(org.admin(), org.sms() + "/templates/REMINDER/ru")).getBoolean("custom"))
                .isFalse();
        JsonObject apiPreview = Http.json(TenantApi.post(org.admin(), org.sms() + "/templates/LINK/zh-CN/preview",
                "{\"text\":\"{organization} 加入 {link}\"}"));
        assertThat(apiPreview.getString("encoding")).isEqualTo("UCS_2");
        assertThat(apiPreview.getInt("segments")).isEqualTo(1);
        assertThat(!apiPreview.containsKey("problem") || apiPreview.isNull("problem")).isTrue();

        // the next confirmation is worded so
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        String booked = siu("S12", "W1-" + facility, facility, "APT-W1", start, "5550161");
        assertThat(feed(endpoint, booked, sign(secret, booked.getBytes(StandardCharsets.UTF_8))).statusCode())
                .isEqualTo(200);
        String body = awaitOutbox(org, 1).get(0).getString("body");
        assertThat(body).startsWith("SMS wording").contains(" video visit ").contains(". Tap ")
                .containsPattern("/j/[a-z0-9]{10} to join, reply STOP to opt out\\.$").doesNotContain("is booked");

        // this endpoint's own wording, naming the clinician the feed sends (AIP-3); the organization's stays
        String own = "{clinician} ({organization}) sees you {date} {time}: {link}";
        HttpResponse<String> ownSaved = TenantApi.put(org.admin(), org.sms() + "/templates/CONFIRMATION/en?endpoint="
                + endpoint, null, Json.createObjectBuilder().add("text", own).build().toString());
        assertThat(ownSaved.statusCode()).as(ownSaved.body()).isEqualTo(200);
        JsonObject ownRead = Http.json(TenantApi.get(org.admin(), org.sms() + "/templates/CONFIRMATION/en?endpoint="
                + endpoint));
        assertThat(ownRead.getString("source")).isEqualTo("ENDPOINT");
        assertThat(ownRead.getBoolean("custom")).isTrue();
        assertThat(ownRead.getString("defaultText")).as("a reset sends the organization's again").isEqualTo(good);
        assertThat(Http.json(TenantApi.get(org.admin(), org.sms() + "/templates/CONFIRMATION/en")).getString("text"))
                .isEqualTo(good);
        HttpResponse<String> helpOfEndpoint = TenantApi.put(org.admin(), org.sms() + "/templates/HELP/en?endpoint="
                + endpoint, null, "{\"text\":\"Call us\"}");
        TenantApi.assertProblem(helpOfEndpoint, 400);
        assertThat(helpOfEndpoint.body()).contains("HELP, STOP and START");
        TenantApi.assertProblem(TenantApi.get(org.admin(), org.sms() + "/templates/CONFIRMATION/en?endpoint="
                + UUID.randomUUID()), 404);
        String named = siu("S12", "W3-" + facility, facility, "APT-W3", start, "5550162",
                "AIP|1||DR77^Smith^Jane^^^Dr");
        assertThat(feed(endpoint, named, sign(secret, named.getBytes(StandardCharsets.UTF_8))).statusCode())
                .isEqualTo(200);
        String unnamed = siu("S12", "W4-" + facility, facility, "APT-W4", start, "5550163");
        assertThat(feed(endpoint, unnamed, sign(secret, unnamed.getBytes(StandardCharsets.UTF_8))).statusCode())
                .isEqualTo(200);
        List<String> worded = awaitOutbox(org, 3).stream().map(m -> m.getString("body")).toList();
        assertThat(worded).anySatisfy(b -> assertThat(b).startsWith("Dr Jane Smith (SMS wording").contains(" sees you "))
                .anySatisfy(b -> assertThat(b).startsWith("your clinician (SMS wording"));
        String scoped = browser.get("/sms.xhtml?org=" + org.id()).body();
        assertThat(scoped).contains("Applies to").contains("Every endpoint of the organization")
                .contains("value=\"" + endpoint + "\"");
        JsonObject resetOwn = Http.json(delete(org.admin(), org.sms() + "/templates/CONFIRMATION/en?endpoint="
                + endpoint));
        assertThat(resetOwn.getString("source")).isEqualTo("ORGANIZATION");
        assertThat(resetOwn.getString("text")).isEqualTo(good);

        // refusals of this endpoint's feed are counted by reason on the page (from the database)
        String none = siu("S12", "W2-" + facility, facility, "APT-W2", start, null);
        assertThat(feed(endpoint, none, sign(secret, none.getBytes(StandardCharsets.UTF_8))).statusCode())
                .isEqualTo(400);
        assertThat(feed(endpoint, none, sign("wrong", none.getBytes(StandardCharsets.UTF_8))).statusCode())
                .isEqualTo(401);
        String later = browser.get("/sms.xhtml?org=" + org.id()).body();
        assertThat(later).contains("id=\"refusals-" + endpoint + "\"")
                .contains("no mobile number for the patient: 1, last on")
                .contains("missing or wrong signature, an expired certificate or a stale timestamp: 1, last on");
        assertThat(TenantApi.get(org.admin(), org.sms() + "/messages/feed-refusals").body())
                .contains("\"reason\":\"NO_MOBILE\"").contains("\"refused\":1");

        // the outbox by delivery status: the built-in carrier's three messages, and none delivered by a carrier
        assertThat(jsonArray(TenantApi.get(org.admin(), org.sms() + "/messages?status=BUILTIN"))).hasSize(3);
        assertThat(jsonArray(TenantApi.get(org.admin(), org.sms() + "/messages?status=DELIVERED"))).isEmpty();
        TenantApi.assertProblem(TenantApi.get(org.admin(), org.sms() + "/messages?status=LOST"), 400);
        HttpResponse<String> filtered = ajax(browser, later, "sms:filterOutbox", null,
                "sms:filterOutbox sms:outboxFilter", "sms:outboxCard", java.util.Map.of("sms:outboxFilter_input",
                        "DELIVERED"));
        assertThat(filtered.body()).contains("No message with this delivery status.").doesNotContain(". Tap /j/");
    }

    private static jakarta.json.JsonArray jsonArray(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try (jakarta.json.JsonReader reader = Json.createReader(new java.io.StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
