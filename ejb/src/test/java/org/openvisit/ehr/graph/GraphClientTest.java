package org.openvisit.ehr.graph;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.graph.GraphFailure.Kind;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Graph client against a local stand-in for Entra and Graph (WireMock on 127.0.0.1) speaking their HTTP API. */
class GraphClientTest {

    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final String CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private static final String ORGANIZER = "99999999-8888-7777-6666-555555555555";
    private static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";
    private static final String MEETING_PATH = "/v1.0/users/" + ORGANIZER + "/onlineMeetings/createOrGet";
    private static final String JOIN = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_test%40thread.v2/0";

    private WireMockServer stub;
    private GraphClient client;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        OutboundHttp http = new OutboundHttp(new OutboundAddressPolicy(true, false), InetAddress::getAllByName);
        URI login = URI.create("http://127.0.0.1:" + stub.port());
        URI graph = URI.create("http://127.0.0.1:" + stub.port() + "/v1.0");
        client = new GraphClient(http, new GraphTokens(new CodeExchange(http), login, graph, Clock.systemUTC()),
                graph, waits::add);
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private static GraphApp secretApp() {
        return new GraphApp(TENANT, CLIENT, new GraphCredential.ClientSecret("s3cret~value"));
    }

    private static OnlineMeetingRequest meeting(String externalId) {
        return new OnlineMeetingRequest(externalId, "Virtual visit", "organization", false, "enabled", null, null);
    }

    private void tokenForSecret() {
        stub.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("client_secret=s3cret%7Evalue"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=http%3A%2F%2F127.0.0.1%3A" + stub.port() + "%2F.default"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"graph-token-1\"}")));
    }

    private static String meetingJson(String externalId) {
        return "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users('x')/onlineMeetings/$entity\","
                + "\"id\":\"MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkdRWHJlQ\",\"externalId\":\"" + externalId
                + "\",\"subject\":\"Virtual visit\",\"joinWebUrl\":\"" + JOIN + "\",\"allowedPresenters\":\"organizer\","
                + "\"lobbyBypassSettings\":{\"scope\":\"organization\",\"isDialInBypassEnabled\":false}}";
    }

    private void createOrGetOnce(String externalId) {
        stub.stubFor(post(urlEqualTo(MEETING_PATH)).inScenario("meeting").whenScenarioStateIs(STARTED)
                .withHeader("Authorization", equalTo("Bearer graph-token-1"))
                .withRequestBody(matchingJsonPath("$.externalId", equalTo(externalId)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(meetingJson(externalId))).willSetStateTo("created"));
        stub.stubFor(post(urlEqualTo(MEETING_PATH)).inScenario("meeting").whenScenarioStateIs("created")
                .withRequestBody(matchingJsonPath("$.externalId", equalTo(externalId)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(meetingJson(externalId))));
    }

    @Test
    void createsTheMeetingOnceAndGetsItAfterwardsWithOneCachedToken() {
        tokenForSecret();
        createOrGetOnce("openvisit-visit-1");

        OnlineMeeting first = client.createOrGet(secretApp(), ORGANIZER, meeting("openvisit-visit-1"));
        OnlineMeeting second = client.createOrGet(secretApp(), ORGANIZER, meeting("openvisit-visit-1"));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.joinWebUrl()).isEqualTo(JOIN);
        stub.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        stub.verify(2, postRequestedFor(urlEqualTo(MEETING_PATH)).withRequestBody(equalToJson(
                "{\"externalId\":\"openvisit-visit-1\",\"subject\":\"Virtual visit\",\"lobbyBypassSettings\":"
                        + "{\"scope\":\"organization\",\"isDialInBypassEnabled\":false},\"allowedPresenters\":"
                        + "\"organizer\",\"isEntryExitAnnounced\":false,\"allowMeetingChat\":\"enabled\"}")));
    }

    @Test
    void signsInWithACertificateAssertionEntraCanVerify() throws Exception {
        GraphCredential.Certificate certificate = TestCertificates.make("-1d", 30);
        stub.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("client_assertion_type="
                        + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"graph-token-1\"}")));
        createOrGetOnce("openvisit-visit-2");

        OnlineMeeting made = client.createOrGet(new GraphApp(TENANT, CLIENT, certificate), ORGANIZER,
                meeting("openvisit-visit-2"));

        assertThat(made.created()).isTrue();
        LoggedRequest tokenRequest = stub.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).get(0);
        Map<String, String> form = Arrays.stream(tokenRequest.getBodyAsString().split("&"))
                .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0],
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(form).doesNotContainKey("client_secret");
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) certificate.certificate().getPublicKey())))
                .isTrue();
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(assertion.getHeader().getX509CertSHA256Thumbprint())
                .isEqualTo(CertificateAssertion.thumbprint(certificate.certificate(), "SHA-256"));
        assertThat(assertion.getJWTClaimsSet().getAudience())
                .containsExactly("http://127.0.0.1:" + stub.port() + TOKEN_PATH);
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(CLIENT);
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(CLIENT);
        assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant())
                .isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(600));
    }

    @Test
    void anExpiredCertificateIsNamedBeforeAnyRequest() throws Exception {
        GraphCredential.Certificate expired = TestCertificates.make("-60d", 30);

        assertThatThrownBy(() -> client.createOrGet(new GraphApp(TENANT, CLIENT, expired), ORGANIZER,
                meeting("openvisit-visit-3")))
                .isInstanceOfSatisfying(GraphFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.CREDENTIAL_EXPIRED))
                .hasMessageContaining("expired");
        stub.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    private void tokenRefused(int status, String error, String description) {
        stub.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\",\"error_codes\":"
                        + "[0],\"timestamp\":\"2026-12-04 14:00:00Z\",\"trace_id\":\"t\",\"correlation_id\":\"c\"}")));
    }

    private Kind failureOf() {
        try {
            client.createOrGet(secretApp(), ORGANIZER, meeting("openvisit-visit-9"));
        } catch (GraphFailure f) {
            assertThat(f.getMessage()).doesNotContain("s3cret").doesNotContain("graph-token-1");
            return f.kind();
        }
        throw new AssertionError("no failure");
    }

    @Test
    void entraRefusalsSayWhatToFix() {
        tokenRefused(400, "invalid_request", "AADSTS90002: Tenant '" + TENANT + "' not found.");
        assertThat(failureOf()).isEqualTo(Kind.WRONG_TENANT);
        tokenRefused(400, "unauthorized_client", "AADSTS700016: Application with identifier 'x' was not found in the directory.");
        assertThat(failureOf()).isEqualTo(Kind.UNKNOWN_CLIENT);
        tokenRefused(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        assertThat(failureOf()).isEqualTo(Kind.BAD_CREDENTIAL);
        tokenRefused(401, "invalid_client", "AADSTS7000222: The provided client secret keys are expired.");
        assertThat(failureOf()).isEqualTo(Kind.CREDENTIAL_EXPIRED);
    }

    private void graphAnswers(int status, String code, String message, String retryAfter) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"innerError\":"
                        + "{\"date\":\"2026-12-04T14:00:00\",\"request-id\":\"req-42\",\"client-request-id\":\"req-42\"}}}");
        if (retryAfter != null) {
            response.withHeader("Retry-After", retryAfter);
        }
        stub.stubFor(post(urlEqualTo(MEETING_PATH)).willReturn(response));
    }

    @Test
    void graphRefusalsBecomeTypedOutcomes() {
        tokenForSecret();
        graphAnswers(403, "Forbidden", "No application access policy found for this app.", null);
        assertThat(failureOf()).isEqualTo(Kind.NO_ACCESS_POLICY);
        graphAnswers(403, "Forbidden", "Insufficient privileges to complete the operation.", null);
        assertThat(failureOf()).isEqualTo(Kind.PERMISSION_MISSING);
        graphAnswers(404, "NotFound", "The requested user is invalid.", null);
        assertThat(failureOf()).isEqualTo(Kind.ORGANIZER_NOT_FOUND);
        assertThat(waits).isEmpty();
    }

    @Test
    void aRejectedTokenIsFetchedAgainOnceThenNamedAsMissingPermission() {
        tokenForSecret();
        graphAnswers(401, "InvalidAuthenticationToken", "Access token validation failure.", null);

        assertThat(failureOf()).isEqualTo(Kind.PERMISSION_MISSING);
        stub.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        stub.verify(2, postRequestedFor(urlEqualTo(MEETING_PATH)));
    }

    @Test
    void throttlingIsWaitedOutWhenShortAndReportedWhenLong() {
        tokenForSecret();
        stub.stubFor(post(urlEqualTo(MEETING_PATH)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}"))
                .willSetStateTo("calm"));
        stub.stubFor(post(urlEqualTo(MEETING_PATH)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(meetingJson("openvisit-visit-9"))));
        assertThat(client.createOrGet(secretApp(), ORGANIZER, meeting("openvisit-visit-9")).created()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(2));

        stub.resetAll();
        waits.clear();
        tokenForSecret();
        graphAnswers(429, "TooManyRequests", "Too many requests", "120");
        assertThatThrownBy(() -> client.createOrGet(secretApp(), ORGANIZER, meeting("openvisit-visit-9")))
                .isInstanceOfSatisfying(GraphFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.THROTTLED);
                    assertThat(f.retryAfter()).contains(Duration.ofSeconds(120));
                });
        assertThat(waits).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedAFewTimesThenReported() {
        tokenForSecret();
        graphAnswers(503, "ServiceNotAvailable", "The service is temporarily unavailable.", null);

        assertThat(failureOf()).isEqualTo(Kind.SERVICE_DOWN);
        stub.verify(GraphClient.ATTEMPTS, postRequestedFor(urlEqualTo(MEETING_PATH)));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void onlyHttpsJoinUrlsOrThisMachinesStandInAreFollowed() {
        assertThat(GraphClient.usableJoinUrl(JOIN)).isTrue();
        assertThat(GraphClient.usableJoinUrl("http://127.0.0.1:8080/ehr-sandbox/teams/l/meetup-join/x")).isTrue();
        assertThat(GraphClient.usableJoinUrl("http://127.0.0.1.evil.example/join")).isFalse();
        assertThat(GraphClient.usableJoinUrl("http://teams.example/join")).isFalse();
        assertThat(GraphClient.usableJoinUrl("javascript:alert(1)")).isFalse();
        assertThat(GraphClient.usableJoinUrl(null)).isFalse();
    }

    private static final String MEETING_ID = "MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZ";
    private static final String REPORTS = "/v1.0/users/" + ORGANIZER + "/onlineMeetings/" + MEETING_ID
            + "/attendanceReports";

    private void graphGet(String path, int status, String body) {
        stub.stubFor(get(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer graph-token-1"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    @Test
    void readsAttendanceReportsAndTheirRecordsPageByPageWithoutNamesOrAddresses() {
        tokenForSecret();
        graphGet(REPORTS, 200, "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users('x')/"
                + "onlineMeetings('" + MEETING_ID + "')/attendanceReports\",\"value\":[{\"id\":\"c9b6db1c-d5eb\","
                + "\"totalParticipantCount\":2,\"meetingStartDateTime\":\"2021-10-05T04:38:23.945Z\","
                + "\"meetingEndDateTime\":\"2021-10-05T04:43:49.77Z\",\"attendanceRecords\":[]}]}");
        graphGet(REPORTS + "/c9b6db1c-d5eb/attendanceRecords", 200, "{\"value\":[{\"emailAddress\":"
                + "\"frederick.cormier@contoso.com\",\"totalAttendanceInSeconds\":322,\"role\":\"Organizer\","
                + "\"identity\":{\"id\":\"dc17674c-81d9\",\"displayName\":\"Frederick Cormier\",\"tenantId\":\""
                + TENANT + "\"},\"attendanceIntervals\":[{\"joinDateTime\":\"2021-10-05T04:38:27.6027225Z\","
                + "\"leaveDateTime\":\"2021-10-05T04:43:49.7702391Z\",\"durationInSeconds\":322}]}],"
                + "\"@odata.nextLink\":\"http://127.0.0.1:" + stub.port() + REPORTS
                + "/c9b6db1c-d5eb/attendanceRecords?$skiptoken=2\"}");
        graphGet(REPORTS + "/c9b6db1c-d5eb/attendanceRecords?$skiptoken=2", 200, "{\"value\":[{\"emailAddress\":"
                + "null,\"role\":\"Attendee\",\"identity\":{\"id\":\"8:teamsvisitor:1\",\"displayName\":"
                + "\"Pat Guest\",\"tenantId\":null},\"attendanceIntervals\":[{\"joinDateTime\":"
                + "\"2021-10-05T04:39:00Z\",\"leaveDateTime\":null,\"durationInSeconds\":0},{\"joinDateTime\":"
                + "null,\"leaveDateTime\":null,\"durationInSeconds\":0}]}]}");

        List<AttendanceReport> reports = client.attendanceReports(secretApp(), ORGANIZER, MEETING_ID);
        assertThat(reports).containsExactly(new AttendanceReport("c9b6db1c-d5eb",
                Instant.parse("2021-10-05T04:38:23.945Z"), Instant.parse("2021-10-05T04:43:49.77Z")));
        List<AttendanceRecord> records = client.attendanceRecords(secretApp(), ORGANIZER, MEETING_ID, "c9b6db1c-d5eb");

        assertThat(records).hasSize(2);
        assertThat(records.get(0)).isEqualTo(new AttendanceRecord("dc17674c-81d9", "Organizer", TENANT,
                List.of(new AttendanceRecord.Interval(Instant.parse("2021-10-05T04:38:27.6027225Z"),
                        Instant.parse("2021-10-05T04:43:49.7702391Z")))));
        assertThat(records.get(0).organizer()).isTrue();
        assertThat(records.get(1).intervals()).as("an interval Graph has no join time for is left out")
                .containsExactly(new AttendanceRecord.Interval(Instant.parse("2021-10-05T04:39:00Z"), null));
        assertThat(records.toString()).doesNotContain("Frederick", "contoso.com", "Pat Guest");
        stub.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void attendanceRefusalsNameTheArtifactPermissionAndANextLinkElsewhereIsNotFollowed() {
        tokenForSecret();
        graphGet(REPORTS, 403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Insufficient privileges.\"}}");
        assertThatThrownBy(() -> client.attendanceReports(secretApp(), ORGANIZER, MEETING_ID))
                .isInstanceOfSatisfying(GraphFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.PERMISSION_MISSING);
                    assertThat(f.getMessage()).contains("OnlineMeetingArtifact.Read.All");
                });

        graphGet(REPORTS, 200, "{\"value\":[],\"@odata.nextLink\":\"https://elsewhere.example/steal\"}");
        assertThatThrownBy(() -> client.attendanceReports(secretApp(), ORGANIZER, MEETING_ID))
                .isInstanceOfSatisfying(GraphFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.UNEXPECTED));

        graphGet(REPORTS, 200, "{\"value\":[],\"@odata.nextLink\":\"http://127.0.0.1:" + stub.port() + REPORTS
                + "\"}");
        assertThatThrownBy(() -> client.attendanceReports(secretApp(), ORGANIZER, MEETING_ID))
                .as("a link back to itself ends after the page limit").isInstanceOf(GraphFailure.class)
                .hasMessageContaining("pages");
        stub.verify(1 + 1 + GraphClient.MAX_PAGES, getRequestedFor(urlEqualTo(REPORTS)));
    }

    private static final String CALL_RECORD = "/v1.0/communications/callRecords/e523d2ed-2966-4b6b-925b-754a88034cc5"
            + "?$expand=sessions($expand=segments)";

    @Test
    void readsACallRecordWithItsSessionsOnTwoPagesAndSaysWhenGraphHasNoneOrRefuses() throws Exception {
        tokenForSecret();
        String first = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(CallRecordJsonTest.fixture())
                .replace("\"sessions\":[", "\"sessions@odata.nextLink\":\"http://127.0.0.1:" + stub.port()
                        + "/v1.0/communications/callRecords/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?$expand=segments"
                        + "&$skiptoken=abc\",\"sessions\":[");
        stub.stubFor(get(urlEqualTo(CALL_RECORD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(first)));
        graphGet("/v1.0/communications/callRecords/e523d2ed-2966-4b6b-925b-754a88034cc5/sessions?$expand=segments"
                + "&$skiptoken=abc", 200, "{\"value\":[{\"id\":\"s-late\",\"caller\":{\"@odata.type\":"
                + "\"#microsoft.graph.callRecords.participantEndpoint\",\"associatedIdentity\":{\"id\":\"late-id\"}},"
                + "\"segments\":[{\"id\":\"x\",\"media\":[{\"streams\":[{\"averageRoundTripTime\":\"PT0.1S\"}]}]}]}]}");

        CallRecord record = client.callRecord(secretApp(), "e523d2ed-2966-4b6b-925b-754a88034cc5").orElseThrow();

        assertThat(record.streams()).hasSize(6);
        assertThat(record.streams().get(5).participantKey()).isEqualTo("id:late-id");
        assertThat(record.streams().get(5).rttMs()).isEqualTo(100.0);
        stub.verify(getRequestedFor(urlEqualTo(CALL_RECORD)).withHeader("Authorization", equalTo("Bearer graph-token-1")));

        graphGet("/v1.0/communications/callRecords/gone?$expand=sessions($expand=segments)", 404,
                "{\"error\":{\"code\":\"NotFound\"}}");
        assertThat(client.callRecord(secretApp(), "gone")).isEmpty();

        graphGet("/v1.0/communications/callRecords/denied?$expand=sessions($expand=segments)", 403,
                "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Insufficient privileges.\"}}");
        assertThatThrownBy(() -> client.callRecord(secretApp(), "denied"))
                .isInstanceOfSatisfying(GraphFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.CALL_RECORDS_PERMISSION_MISSING);
                    assertThat(f.getMessage()).contains("CallRecords.Read.All");
                });
    }

    @Test
    void subscribesWithClientStateAndNamesAValidationFailureAndAMissingPermission() {
        tokenForSecret();
        stub.stubFor(post(urlEqualTo("/v1.0/subscriptions")).withRequestBody(matchingJsonPath("$.changeType",
                        equalTo("created"))).withRequestBody(matchingJsonPath("$.resource",
                        equalTo("/communications/callRecords"))).withRequestBody(matchingJsonPath("$.clientState",
                        equalTo("state-1")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"7f105c7d-2dc5-4530-97cd-4e7ae6534c07\",\"resource\":"
                                + "\"/communications/callRecords\",\"expirationDateTime\":\"2026-12-08T18:23:45.9356913Z\"}")));

        GraphSubscription made = client.subscribe(secretApp(), GraphClient.CALL_RECORDS_RESOURCE,
                URI.create("https://openvisit.example/teams/graph/notifications"), "state-1",
                Instant.parse("2026-12-08T18:23:45Z"));
        assertThat(made.id()).isEqualTo("7f105c7d-2dc5-4530-97cd-4e7ae6534c07");
        assertThat(made.expiresAt()).isEqualTo(Instant.parse("2026-12-08T18:23:45.9356913Z"));

        stub.stubFor(post(urlEqualTo("/v1.0/subscriptions")).withRequestBody(matchingJsonPath("$.clientState",
                        equalTo("state-2"))).willReturn(aResponse().withStatus(400).withBody("{\"error\":{\"code\":"
                        + "\"InvalidRequest\",\"message\":\"Subscription validation request failed. Notification "
                        + "endpoint must respond with 200 OK to validation request.\"}}")));
        assertThatThrownBy(() -> client.subscribe(secretApp(), GraphClient.CALL_RECORDS_RESOURCE,
                URI.create("https://openvisit.example/n"), "state-2", Instant.parse("2026-12-08T18:23:45Z")))
                .isInstanceOfSatisfying(GraphFailure.class, f -> assertThat(f.kind())
                        .isEqualTo(Kind.NOTIFICATION_URL_REFUSED));

        stub.stubFor(post(urlEqualTo("/v1.0/subscriptions")).withRequestBody(matchingJsonPath("$.clientState",
                        equalTo("state-3"))).willReturn(aResponse().withStatus(403).withBody("{\"error\":{\"code\":"
                        + "\"ExtensionError\",\"message\":\"Operation: Create; Exception: [Status Code: Forbidden]\"}}")));
        assertThatThrownBy(() -> client.subscribe(secretApp(), GraphClient.CALL_RECORDS_RESOURCE,
                URI.create("https://openvisit.example/n"), "state-3", Instant.parse("2026-12-08T18:23:45Z")))
                .isInstanceOfSatisfying(GraphFailure.class, f -> assertThat(f.kind())
                        .isEqualTo(Kind.CALL_RECORDS_PERMISSION_MISSING));
    }
}
