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
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
    private final List<Duration> waits = new ArrayList<>();
    private final List<OutboxEntry> outbox = new ArrayList<>();

    @BeforeEach
    void start() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        OutboundHttp http = new OutboundHttp(new OutboundAddressPolicy(true, false), InetAddress::getAllByName);
        TwilioApi api = new TwilioApi(http, URI.create("http://127.0.0.1:" + stub.port() + "/"), SID, TOKEN, 3,
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

    @Test
    void aNumberIsBoughtInTheAreaCodeAndReleasedByItsSid() {
        stub.stubFor(post(urlEqualTo(NUMBERS)).willReturn(aResponse().withStatus(201).withBody(
                "{\"sid\":\"PN0123456789\",\"phone_number\":\"+12025550123\",\"account_sid\":\"" + SID + "\"}")));
        String job = carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "US", "202", 1));
        assertThat(form(stub.findAll(postRequestedFor(urlEqualTo(NUMBERS))).get(0))).containsEntry("AreaCode", "202");
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
    void aNumberTwilioCannotGiveIsAFailureInWords() {
        stub.stubFor(post(urlEqualTo(NUMBERS)).willReturn(aResponse().withStatus(400).withBody(
                "{\"code\":21452,\"message\":\"No phone numbers found in area code 999\",\"status\":400}")));
        String job = carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "US", "999", 1));
        assertThat(carrier.checkProvisioning(job)).isInstanceOfSatisfying(ProvisioningProgress.Failed.class,
                f -> assertThat(f.reason()).contains("No phone numbers found in area code 999"));
        assertThat(carrier.checkProvisioning(carrier.startProvisioning(new NumberRequest(UUID.randomUUID(), "US",
                null, 1)))).isInstanceOf(ProvisioningProgress.Failed.class);
    }
}
