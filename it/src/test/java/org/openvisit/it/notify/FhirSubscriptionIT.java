package org.openvisit.it.notify;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openvisit.it.launch.ApprovedEndpoint;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.support.TestResources;
import org.openvisit.it.tenant.TenantApi;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.notify.SmsSetupIT.appointmentJson;
import static org.openvisit.it.notify.SmsSetupIT.awaitOutboxTo;
import static org.openvisit.it.notify.SmsSetupIT.chooseFeed;
import static org.openvisit.it.notify.SmsSetupIT.ehrPut;
import static org.openvisit.it.notify.SmsSetupIT.feedSource;
import static org.openvisit.it.notify.SmsSetupIT.fhirReady;
import static org.openvisit.it.notify.SmsSetupIT.outbox;
import static org.openvisit.it.notify.SmsSetupIT.sleep;

/**
 * FHIR Subscriptions (Subscriptions Backport IG, R4 rest-hook) as a feed source, against the EHR sandbox over HTTP on
 * the shared server: OpenVisit makes the Subscription, the sandbox's handshake makes it active, a booking in the
 * sandbox is notified (id-only), read back and confirmed by SMS once (the poll, set to an hour, is not what finds
 * it; a later poll does not send it again); a dropped notification (a gap in the event numbers) makes OpenVisit poll
 * at once; a wrong secret, an unknown address, a body that is not FHIR JSON are refused and change nothing; an EHR
 * without Subscriptions leaves the endpoint on polling with the reason in words. The sandbox's Subscription switch
 * is held with a resource lock (only Subscription tests make Subscriptions; other classes' polling is not affected).
 */
@ResourceLock(TestResources.SANDBOX_SUBSCRIPTIONS)
class FhirSubscriptionIT {

    static final String TOPIC = "http://openvisit.org/ehr-sandbox/SubscriptionTopic/appointment";

    private static String base() {
        return SharedServer.sandboxUri().resolve("fhir").toString();
    }

    /** A patient with the mobile number (202) 555-<last4>. */
    private static String patient(String suffix, String last4) throws Exception {
        String id = "pat-sub-" + last4 + "-" + suffix;
        ehrPut("Patient", id, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"telecom\":["
                + "{\"system\":\"sms\",\"value\":\"(202) 555-" + last4 + "\"}]}");
        return id;
    }

    private static JsonObject awaitSubscription(SmsSetupIT.Org org, String endpoint, String state) {
        JsonObject feed = feedSource(org, endpoint);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            feed = feedSource(org, endpoint);
            if (feed.containsKey("subscription") && state.equals(feed.getJsonObject("subscription").getString("state"))) {
                return feed;
            }
            sleep(500);
        }
        throw new AssertionError("The Subscription did not become " + state + ": " + feed);
    }

    private static JsonObject sandboxSubscription(String id) {
        HttpResponse<String> list = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                .resolve("admin/api/subscriptions")));
        assertThat(list.statusCode()).isEqualTo(200);
        return Http.json(list).getJsonArray("subscriptions").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("id").equals(id)).findFirst().orElseThrow();
    }

    private static HttpResponse<String> sandboxAdmin(String method, String path, String json) {
        return Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri().resolve("admin/api/subscriptions" + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> notify(String url, String contentType, String secret, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-OpenVisit-Subscription-Secret", secret);
        }
        return Http.send(request);
    }

    private static String heartbeat(long since) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[{\"resource\":{\"resourceType\":"
                + "\"Parameters\",\"parameter\":[{\"name\":\"subscription\",\"valueReference\":{\"reference\":"
                + "\"Subscription/x\"}},{\"name\":\"status\",\"valueCode\":\"active\"},{\"name\":\"type\","
                + "\"valueCode\":\"heartbeat\"},{\"name\":\"events-since-subscription-start\",\"valueString\":\""
                + since + "\"}]}}]}";
    }

    @Test
    void aBookingNotifiedBySubscriptionIsConfirmedOnceAndAGapMakesOpenVisitPoll() throws Exception {
        ApprovedEndpoint clinic = ApprovedEndpoint.at(base(), "SMS Subscription clinic");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.MINUTES);
        SmsSetupIT.Org org = fhirReady("SMS Subscription clinic", clinic);

        // a topic that is no URL is refused in words; FHIR polling every hour with the sandbox's appointment topic
        HttpResponse<String> bad = chooseFeed(org, clinic.endpointId(), "{\"source\":\"FHIR_POLLING\","
                + "\"subscriptionTopic\":\"appointments please\"}");
        TenantApi.assertProblem(bad, 400);
        assertThat(TenantApi.detail(bad)).contains("canonical");
        HttpResponse<String> chosen = chooseFeed(org, clinic.endpointId(), "{\"source\":\"FHIR_POLLING\","
                + "\"intervalMinutes\":60,\"subscriptionTopic\":\"" + TOPIC + "\"}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        JsonObject feed = awaitSubscription(org, clinic.endpointId(), "ACTIVE");
        assertThat(feed.getString("updates")).isEqualTo("SUBSCRIPTION");
        String ehrId = feed.getJsonObject("subscription").getString("ehrSubscriptionId");
        // the sandbox marks it active once its handshake POST has been answered, a moment after OpenVisit took it
        JsonObject atEhr = sandboxSubscription(ehrId);
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
             !"active".equals(atEhr.getString("status")) && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            atEhr = sandboxSubscription(ehrId);
        }
        assertThat(atEhr.getString("status")).isEqualTo("active");
        assertThat(atEhr.getString("topic")).isEqualTo(TOPIC);
        String hook = atEhr.getString("endpoint");
        assertThat(hook).contains("/api/fhir/subscriptions/");

        // wait for the first poll (due at once) to be over, so what follows is not found by it
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!feed.containsKey("lastSuccessAt") && System.nanoTime() < deadline) {
            sleep(500);
            feed = feedSource(org, clinic.endpointId());
        }
        String lastRun = feed.getString("lastRunAt");

        // a booking in the sandbox: notified, read back, confirmed once — with no poll in between
        String booked = "apt-sub-a-" + suffix;
        ehrPut("Appointment", booked, appointmentJson(booked, "booked", start,
                "Patient/" + patient(suffix, "0171")));
        JsonObject confirmation = awaitOutboxTo(org, "0171", 1, Duration.ofSeconds(45)).get(0);
        assertThat(confirmation.getString("body")).contains("is booked");
        assertThat(feedSource(org, clinic.endpointId()).getString("lastRunAt")).as("no poll ran").isEqualTo(lastRun);

        // refused notifications change nothing: wrong or missing secret, unknown address, not a FHIR JSON media
        // type (bodies that are not FHIR are unit-tested: SubscriptionNoticesTest); a forged heartbeat counting many events (a gap, were it taken) makes no poll
        HttpResponse<String> wrong = notify(hook, "application/fhir+json", "not-the-secret", heartbeat(999));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(wrong.body()).contains("OperationOutcome").contains("secret");
        assertThat(notify(hook, "application/fhir+json", null, heartbeat(999)).statusCode()).isEqualTo(401);
        assertThat(notify(hook.substring(0, hook.lastIndexOf('/') + 1) + UUID.randomUUID(), "application/fhir+json",
                "x", heartbeat(1)).statusCode()).isEqualTo(404);
        assertThat(notify(hook, "text/plain", "x", "hello").statusCode()).isEqualTo(415);
        sleep(12_000); // longer than a poll round (10 s)
        assertThat(feedSource(org, clinic.endpointId()).getString("lastRunAt")).as("still no poll").isEqualTo(lastRun);

        // the next event is dropped by the EHR (counted, never sent): the one after it shows the gap, OpenVisit
        // polls at once and finds the dropped booking; the first booking is read again by that poll, not sent again
        assertThat(sandboxAdmin("POST", "/" + ehrId + "/skip-next", null).statusCode()).isEqualTo(200);
        String dropped = "apt-sub-b-" + suffix;
        ehrPut("Appointment", dropped, appointmentJson(dropped, "booked", start,
                "Patient/" + patient(suffix, "0172")));
        sleep(1_000);
        String notified = "apt-sub-c-" + suffix;
        ehrPut("Appointment", notified, appointmentJson(notified, "booked", start,
                "Patient/" + patient(suffix, "0173")));
        assertThat(awaitOutboxTo(org, "0173", 1, Duration.ofSeconds(45))).hasSize(1);
        assertThat(awaitOutboxTo(org, "0172", 1, Duration.ofSeconds(60))).as("found by the poll the gap started")
                .hasSize(1);
        JsonObject after = feedSource(org, clinic.endpointId());
        assertThat(after.getString("lastRunAt")).as("a poll ran").isNotEqualTo(lastRun);
        sleep(2_000);
        List<JsonObject> all = outbox(org);
        for (String last4 : List.of("0171", "0172", "0173")) {
            assertThat(all.stream().filter(m -> m.getString("toMasked").endsWith(last4)
                    && m.getString("body").contains("is booked"))).as("booked once: " + last4).hasSize(1);
        }
        assertThat(after.getJsonObject("subscription").getString("state")).isEqualTo("ACTIVE");

        // the SMS page says how updates come, in words
        org.openvisit.it.tenant.PortalClient browser = new org.openvisit.it.tenant.PortalClient().speaking("en");
        browser.signIn(org.admin().username(), org.admin().password());
        HttpResponse<String> page = browser.get("/sms.xhtml?org=" + org.id());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Appointments come at once by a FHIR Subscription")
                .contains("Subscription: active").doesNotContain(">ACTIVE<");
        assertThat(SharedServer.logText()).doesNotContain("2025550171").doesNotContain("555-0171");
    }

    @Test
    void anEhrWithoutSubscriptionsLeavesTheEndpointOnPollingWithTheReason() throws Exception {
        ApprovedEndpoint clinic = ApprovedEndpoint.at(base(), "SMS no Subscriptions clinic");
        SmsSetupIT.Org org = fhirReady("SMS no Subscriptions clinic", clinic);
        assertThat(sandboxAdmin("PUT", "/offered", "{\"offered\":false}").statusCode()).isEqualTo(200);
        try {
            HttpResponse<String> chosen = chooseFeed(org, clinic.endpointId(), "{\"source\":\"FHIR_POLLING\","
                    + "\"subscriptionTopic\":\"" + TOPIC + "\"}");
            assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
            JsonObject feed = awaitSubscription(org, clinic.endpointId(), "NOT_OFFERED");
            assertThat(feed.getString("updates")).isEqualTo("POLLING");
            assertThat(feed.getJsonObject("subscription").getString("reason")).contains("HTTP 404");

            org.openvisit.it.tenant.PortalClient browser = new org.openvisit.it.tenant.PortalClient().speaking("zh-TW");
            browser.signIn(org.admin().username(), org.admin().password());
            HttpResponse<String> page = browser.get("/sms.xhtml?org=" + org.id());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("訂閱：EHR 不提供訂閱").contains("預約來自每 5 分鐘對 FHIR API 的輪詢");
        } finally {
            assertThat(sandboxAdmin("PUT", "/offered", "{\"offered\":true}").statusCode()).isEqualTo(200);
        }
        // HL7v2 again: the Subscription is given up
        assertThat(chooseFeed(org, clinic.endpointId(), "{\"source\":\"HL7V2\"}").statusCode()).isEqualTo(200);
        assertThat(feedSource(org, clinic.endpointId()).containsKey("subscription")).isFalse();
    }
}
