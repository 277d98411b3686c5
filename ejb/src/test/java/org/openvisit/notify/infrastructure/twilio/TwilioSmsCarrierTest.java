package org.openvisit.notify.infrastructure.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.notify.application.NumberRequest;
import org.openvisit.notify.application.OutgoingSms;
import org.openvisit.notify.application.ProvisioningProgress;
import org.openvisit.notify.application.SmsCarrierRefusedException;
import org.openvisit.notify.application.SmsCarrierUnavailableException;
import org.openvisit.notify.domain.model.OutboxEntry;
import org.openvisit.notify.domain.model.SendingNumber;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Twilio-compatible carrier against a local stand-in for Twilio's REST API (WireMock on 127.0.0.1). */
class TwilioSmsCarrierTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "test-auth-token";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String NUMBERS = "/2010-04-01/Accounts/" + SID + "/IncomingPhoneNumbers.json";
    private static final Instant NOW = Instant.parse("2026-12-05T01:00:00Z");
    private static final String CALLBACK = "https://openvisit.example.org/api/feeds/twilio/status";

    private WireMockServer stub;
    private TwilioSmsCarrier carrier;
    private TwilioApi api;
    private final List<Duration> waits = new ArrayList<>();
    private final List<OutboxEntry> outbox = new ArrayList<>();

    @BeforeEach
    void start() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        OutboundHttp http = new OutboundHttp(new OutboundAddressPolicy(true, false), InetAddress::getAllByName);
        api = new TwilioApi(http, URI.create("http://127.0.0.1:" + stub.port() + "/"), SID, TOKEN, 3,
                waits::add);
        carrier = new TwilioSmsCarrier(api, CALLBACK, (region, entry) -> outbox.add(entry),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private static OutgoingSms sms() {
        return new OutgoingSms(DataRegion.AMERICAS, UUID.randomUUID(), UUID.randomUUID(), "+12025550100",
                "+12025550147", "North Clinic: your video visit is open. Join: https://ov.example/j/abc Reply STOP");
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private static String created(String sid, String status) {
        return "{\"sid\":\"" + sid + "\",\"status\":\"" + status + "\",\"to\":\"+12025550147\",\"from\":\"+12025550100\","
                + "\"body\":\"…\",\"num_segments\":\"1\",\"account_sid\":\"" + SID + "\",\"error_code\":null}";
    }

    @Test
    void sendsToFromBodyAndStatusCallbackWithBasicAuthAndRecordsTheSidInTheOutbox() {
        stub.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created("SM1111111111", "queued"))));
        OutgoingSms sms = sms();

        String id = carrier.send(sms);

        assertThat(id).isEqualTo("SM1111111111");
        List<LoggedRequest> requests = stub.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of("To", "+12025550147",
                "From", "+12025550100", "Body", sms.body(), "StatusCallback", CALLBACK));
        assertThat(outbox).hasSize(1);
        OutboxEntry row = outbox.get(0);
        assertThat(row.carrierMessageId()).isEqualTo("SM1111111111");
        assertThat(row.deliveryStatus()).isEqualTo("queued");
        assertThat(row.toMasked()).isEqualTo("+1••••••0147");
        assertThat(row.sendId()).isEqualTo(sms.sendId());
        assertThat(row.toString()).doesNotContain("2025550147");
    }

    @Test
    void triesAgainAfter429And5xxWithBackOffHonouringRetryAfter() {
        stub.stubFor(post(urlEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"))
                .willSetStateTo("then 503"));
        stub.stubFor(post(urlEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs("then 503")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        stub.stubFor(post(urlEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withBody(created("SM2222222222", "accepted"))));

        assertThat(carrier.send(sms())).isEqualTo("SM2222222222");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(3);
        assertThat(outbox).hasSize(1);
    }

    @Test
    void stillFailingAfterThreeTriesIsTransientAndRecordsNothing() {
        stub.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> carrier.send(sms())).isInstanceOf(SmsCarrierUnavailableException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(1));
        assertThat(outbox).isEmpty();
    }

    @Test
    void aRefusalIsForGoodOnceAndItsReasonNamesNoNumber() {
        stub.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400).withBody(
                "{\"code\":21211,\"message\":\"The 'To' number +12025550147 is not a valid phone number.\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
        assertThatThrownBy(() -> carrier.send(sms())).isInstanceOf(SmsCarrierRefusedException.class)
                .hasMessageContaining("21211").hasMessageContaining("is not a valid phone number")
                .hasMessageNotContaining("2025550147");
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(1);
        assertThat(outbox).isEmpty();
    }

    private static final String LOCAL = "/2010-04-01/Accounts/" + SID + "/AvailablePhoneNumbers/US/Local.json";

    private static String offer(String... numbers) {
        return offerNeeding("none", numbers);
    }

    private static String offerNeeding(String addressRequirements, String... numbers) {
        return "{\"available_phone_numbers\":[" + Arrays.stream(numbers).map(n -> "{\"phone_number\":\"" + n
                + "\",\"friendly_name\":\"(202) 555-0123\",\"iso_country\":\"US\",\"address_requirements\":\""
                + addressRequirements + "\",\"capabilities\":{\"voice\":true,\"SMS\":true,\"MMS\":true}}")
                .collect(Collectors.joining(",")) + "],\"uri\":\"/x\"}";
    }

    private static String bought(String sid, String number) {
        return "{\"sid\":\"" + sid + "\",\"phone_number\":\"" + number + "\",\"account_sid\":\"" + SID + "\"}";
    }

    @Test
    void aNumberOnOfferInTheAreaCodeIsBoughtByItsNumberAndReleasedByItsSid() {
        stub.stubFor(get(urlPathEqualTo(LOCAL)).willReturn(aResponse().withStatus(200)
                .withBody(offer("+12025550123", "+12025550124"))));
        stub.stubFor(post(urlEqualTo(NUMBERS)).willReturn(aResponse().withStatus(201)
                .withBody(bought("PN0123456789", "+12025550123"))));

        String job = carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "US", "202", 1));

        LoggedRequest search = stub.findAll(getRequestedFor(urlPathEqualTo(LOCAL))).get(0);
        assertThat(search.queryParameter("AreaCode").firstValue()).isEqualTo("202");
        assertThat(search.queryParameter("SmsEnabled").firstValue()).isEqualTo("true");
        Map<String, String> purchase = form(stub.findAll(postRequestedFor(urlEqualTo(NUMBERS))).get(0));
        assertThat(purchase).containsEntry("PhoneNumber", "+12025550123")
                .doesNotContainKeys("AreaCode", "AddressSid", "BundleSid");
        assertThat(carrier.checkProvisioning(job))
                .isEqualTo(new ProvisioningProgress.Done(SendingNumber.of("+12025550123")));

        stub.stubFor(get(urlPathEqualTo(NUMBERS)).willReturn(aResponse().withStatus(200).withBody(
                "{\"incoming_phone_numbers\":[{\"sid\":\"PN0123456789\",\"phone_number\":\"+12025550123\"}]}")));
        stub.stubFor(delete(urlEqualTo("/2010-04-01/Accounts/" + SID + "/IncomingPhoneNumbers/PN0123456789.json"))
                .willReturn(aResponse().withStatus(204)));
        carrier.release(SendingNumber.of("+12025550123"));
        assertThat(stub.findAll(deleteRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + SID
                + "/IncomingPhoneNumbers/PN0123456789.json")))).hasSize(1);
    }

    @Test
    void aNumberSomeoneElseBoughtMeanwhileIsPassedForTheNext() {
        stub.stubFor(get(urlPathEqualTo(LOCAL)).willReturn(aResponse().withStatus(200)
                .withBody(offer("+12025550123", "+12025550124"))));
        stub.stubFor(post(urlEqualTo(NUMBERS)).withRequestBody(containing("PhoneNumber=%2B12025550123"))
                .willReturn(aResponse().withStatus(400).withBody(
                        "{\"code\":21422,\"message\":\"PhoneNumber +12025550123 is not available\",\"status\":400}")));
        stub.stubFor(post(urlEqualTo(NUMBERS)).withRequestBody(containing("PhoneNumber=%2B12025550124"))
                .willReturn(aResponse().withStatus(201).withBody(bought("PN2", "+12025550124"))));

        String job = carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "US", null, 1));

        assertThat(carrier.checkProvisioning(job))
                .isEqualTo(new ProvisioningProgress.Done(SendingNumber.of("+12025550124")));
        assertThat(stub.findAll(getRequestedFor(urlPathEqualTo(LOCAL))).get(0).queryParameter("AreaCode").isPresent())
                .isFalse();
    }

    @Test
    void outsideNorthAmericaMobileNumbersAreSearchedWhenNoLocalOneSuitsAndTheAreaCodeIsCheckedHere() {
        String gbLocal = "/2010-04-01/Accounts/" + SID + "/AvailablePhoneNumbers/GB/Local.json";
        String gbMobile = "/2010-04-01/Accounts/" + SID + "/AvailablePhoneNumbers/GB/Mobile.json";
        stub.stubFor(get(urlPathEqualTo(gbLocal)).willReturn(aResponse().withStatus(404).withBody(
                "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}")));
        // Twilio ignores an area code outside the US and Canada: a number elsewhere in the country comes first
        stub.stubFor(get(urlPathEqualTo(gbMobile)).willReturn(aResponse().withStatus(200)
                .withBody(offer("+447700900123", "+447400123456"))));
        stub.stubFor(post(urlEqualTo(NUMBERS)).willReturn(aResponse().withStatus(201)
                .withBody(bought("PN3", "+447400123456"))));

        String job = carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "GB", "74", 1));

        assertThat(stub.findAll(getRequestedFor(urlPathEqualTo(gbMobile))).get(0).queryParameter("AreaCode")
                .isPresent()).as("no AreaCode outside North America").isFalse();
        assertThat(form(stub.findAll(postRequestedFor(urlEqualTo(NUMBERS))).get(0)))
                .containsEntry("PhoneNumber", "+447400123456");
        assertThat(carrier.checkProvisioning(job))
                .isEqualTo(new ProvisioningProgress.Done(SendingNumber.of("+447400123456")));
    }

    @Test
    void numbersThatNeedARegistrationAreBoughtOnlyWithTheConfiguredBundleAndOtherwiseSaySo() {
        String deLocal = "/2010-04-01/Accounts/" + SID + "/AvailablePhoneNumbers/DE/Local.json";
        String deMobile = "/2010-04-01/Accounts/" + SID + "/AvailablePhoneNumbers/DE/Mobile.json";
        stub.stubFor(get(urlPathEqualTo(deLocal)).willReturn(aResponse().withStatus(200)
                .withBody(offerNeeding("local", "+4930901820"))));
        stub.stubFor(get(urlPathEqualTo(deMobile)).willReturn(aResponse().withStatus(200)
                .withBody(offerNeeding("local"))));

        String refused = carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "DE", null, 1));

        assertThat(carrier.checkProvisioning(refused)).isInstanceOfSatisfying(ProvisioningProgress.Failed.class,
                f -> assertThat(f.reason()).contains("regulatory bundle").contains("openvisit.sms.twilio.bundle-sid"));
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(NUMBERS)))).isEmpty();

        stub.stubFor(post(urlEqualTo(NUMBERS)).willReturn(aResponse().withStatus(201)
                .withBody(bought("PN4", "+4930901820"))));
        TwilioSmsCarrier registered = new TwilioSmsCarrier(api, CALLBACK, (region, entry) -> outbox.add(entry),
                Clock.fixed(NOW, ZoneOffset.UTC), new TwilioApi.Registration("AD123", "BU456"));
        String job = registered.startProvisioning(new NumberRequest(UUID.randomUUID(), "DE", null, 1));
        assertThat(form(stub.findAll(postRequestedFor(urlEqualTo(NUMBERS))).get(0)))
                .containsEntry("PhoneNumber", "+4930901820").containsEntry("AddressSid", "AD123")
                .containsEntry("BundleSid", "BU456");
        assertThat(registered.checkProvisioning(job)).isInstanceOf(ProvisioningProgress.Done.class);
    }

    @Test
    void noNumberOnOfferIsAFailureInWordsAndABusyTwilioIsTriedAgainByTheJob() {
        stub.stubFor(get(urlPathEqualTo(LOCAL)).willReturn(aResponse().withStatus(200).withBody(offer())));
        stub.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + SID + "/AvailablePhoneNumbers/US/Mobile.json"))
                .willReturn(aResponse().withStatus(404)));
        String job = carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "US", "999", 1));
        assertThat(carrier.checkProvisioning(job)).isInstanceOfSatisfying(ProvisioningProgress.Failed.class,
                f -> assertThat(f.reason()).contains("no number that can send SMS in US in area code 999")
                        .contains("another area code"));
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(NUMBERS)))).isEmpty();

        stub.stubFor(get(urlPathEqualTo(LOCAL)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "US", "202", 1)))
                .isInstanceOf(SmsCarrierUnavailableException.class);
        assertThat(stub.findAll(getRequestedFor(urlPathEqualTo(LOCAL)))).hasSize(1 + 3);
    }

    @Test
    void aNumberTwilioRefusesToSellIsAFailureInWordsNamingNoNumber() {
        stub.stubFor(get(urlPathEqualTo(LOCAL)).willReturn(aResponse().withStatus(200)
                .withBody(offer("+12025550123"))));
        stub.stubFor(post(urlEqualTo(NUMBERS)).willReturn(aResponse().withStatus(400).withBody(
                "{\"code\":21631,\"message\":\"Account not allowed to buy +12025550123\",\"status\":400}")));
        String job = carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "US", "202", 1));
        assertThat(carrier.checkProvisioning(job)).isInstanceOfSatisfying(ProvisioningProgress.Failed.class,
                f -> assertThat(f.reason()).contains("code 21631").doesNotContain("5550123"));
    }
}
