package org.openvisit.it.notify;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;
import org.openvisit.it.tenant.TenantApi;
import org.openvisit.it.tenant.TenantApi.User;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    private record Org(String id, User admin) {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
