package org.openvisit.launch.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.SmartAuthorization;
import org.openvisit.ehr.SmartClient;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;
import org.openvisit.visit.application.OpenedVisit;
import org.openvisit.visit.application.VisitOpening;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.application.VisitView;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.domain.model.VisitStatus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The launch callback against a loopback EHR: token endpoint failures and id_tokens with a bad signature,
 * another audience or an expired time are refused with an audit row and nothing opened; the launch
 * context opens the visit for a clinician (recorded) or a patient (not recorded).
 */
class SmartEhrLaunchServiceTest {

    private static final OutboundAddressPolicy DEVELOPMENT = new OutboundAddressPolicy(true, false);
    private static final String REDIRECT = "http://127.0.0.1:9/launch/callback";

    private HttpServer server;
    private String base;
    private RSAKey key;
    private final AtomicReference<String> tokenAnswer = new AtomicReference<>();
    private final AtomicInteger tokenStatus = new AtomicInteger(200);
    private final List<String> audit = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    /** Another launch of the appointment records its booked time first: this launch's write loses the version race. */
    private boolean bookedTimeRecordedMeanwhile;
    private SmartClient client;
    private SmartEhrLaunchService service;

    @BeforeEach
    void ehr() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/fhir/.well-known/smart-configuration", exchange -> answer(exchange, 200,
                "{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + origin + "/authorize\",\"token_endpoint\":\""
                        + origin + "/token\",\"jwks_uri\":\"" + origin + "/jwks\",\"code_challenge_methods_supported\":[\"S256\"]}"));
        server.createContext("/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, tokenStatus.get(), tokenAnswer.get());
        });
        server.createContext("/fhir/Appointment/appt-77", exchange -> {
            boolean bearer = "Bearer secret-access".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, bearer ? 200 : 401, bearer ? "{\"resourceType\":\"Appointment\",\"id\":\"appt-77\","
                    + "\"start\":\"2026-12-01T09:00:00+01:00\",\"end\":\"2026-12-01T09:30:00+01:00\"}" : "{}");
        });
        server.createContext("/fhir/Encounter/enc-77", exchange -> {
            boolean bearer = "Bearer secret-access".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, bearer ? 200 : 401, bearer ? "{\"resourceType\":\"Encounter\",\"id\":\"enc-77\","
                    + "\"appointment\":[{\"reference\":\"" + base + "/Appointment/appt-77\"}]}" : "{}");
        });
        server.createContext("/fhir/Encounter/enc-locked", exchange -> answer(exchange, 403, "{}"));
        server.createContext("/jwks", exchange -> answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        client = new SmartClient(DEVELOPMENT, "openvisit", Clock.systemUTC(), InetAddress::getAllByName);
        LaunchAuditService auditLog = new LaunchAuditService() {
            @Override
            public void accepted(String issuer, UUID endpointId, UUID organizationId, String ehrUserId, UUID visitId,
                                 String reasonCode, String reason) {
                audit.add("ACCEPTED " + reasonCode + " " + ehrUserId);
            }

            @Override
            public void refused(String issuer, UUID endpointId, UUID organizationId, String ehrUserId,
                                String reasonCode, String reason) {
                audit.add("REFUSED " + reasonCode + " " + ehrUserId + " " + reason);
            }
        };
        LaunchAcceptance acceptance = new LaunchAcceptance() {
            @Override
            public OpenedVisit accept(AcceptedLaunch launch) {
                VisitOpening o = launch.opening();
                opened.add((o.isPatient() ? "patient" : "clinician " + o.ehrUserId() + " " + o.role()) + " "
                        + o.key().hashInput() + " " + o.departmentId());
                opened.add("context " + o.ehrContext().appointment() + " " + o.ehrContext().encounter());
                OpenedVisit visit = visit();
                auditLog.accepted(launch.issuer(), launch.endpointId(), launch.organizationId(), o.ehrUserId(),
                        visit.visit().id(), launch.reasonCode(), launch.reason(visit.created()));
                return visit;
            }
        };
        VisitOrchestrationService visits = new VisitOrchestrationService() {
            @Override
            public void recordBookedTime(UUID visitId, Instant start, Instant end) {
                if (bookedTimeRecordedMeanwhile) {
                    throw new jakarta.ejb.EJBException("Transaction aborted",
                            new jakarta.persistence.OptimisticLockException("visit changed since it was read"));
                }
                opened.add("booked " + start + " " + end);
            }
        };
        service = new SmartEhrLaunchService(acceptance, visits, auditLog, client,
                new OutboundHttp(DEVELOPMENT, InetAddress::getAllByName));
    }

    private static OpenedVisit visit() {
        UUID id = UUID.randomUUID();
        return new OpenedVisit(new VisitView(id, UUID.randomUUID(), UUID.randomUUID(), VisitKeyKind.APPOINTMENT, null,
                VisitStatus.SCHEDULED, null, "/visit/" + id, "/visit/" + id + "/lobby", Instant.now(), null, null,
                List.of(), null, null, null), true);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private PendingLaunch pending() {
        return pending(LaunchAudience.ANY);
    }

    private PendingLaunch pending(LaunchAudience audience) {
        SmartAuthorization authorization = client.authorization(client.discover(base), REDIRECT,
                SmartEhrLaunchService.SCOPE);
        return new PendingLaunch(UUID.randomUUID(), UUID.randomUUID(), base, audience, authorization);
    }

    private String idToken(RSAKey signer, String audience, String user, String nonce, Instant expires)
            throws JOSEException {
        return idToken(signer, audience, user, user, nonce, expires);
    }

    private String idToken(RSAKey signer, String audience, String subject, String fhirUser, String nonce, Instant expires)
            throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(base).audience(audience).subject(subject)
                .claim("nonce", nonce).issueTime(new Date()).expirationTime(Date.from(expires));
        if (fhirUser != null) {
            claims.claim("fhirUser", fhirUser);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private void tokenResponse(String idToken) {
        tokenAnswer.set("{\"access_token\":\"secret-access\",\"token_type\":\"Bearer\",\"id_token\":\"" + idToken
                + "\",\"patient\":\"pat-secret\",\"encounter\":\"enc-secret\",\"location\":\"loc-cardio\","
                + "\"fhirContext\":[{\"reference\":\"Appointment/appt-77\"}]}");
    }

    private LaunchRefusedException refused(PendingLaunch pending) {
        return catchThrowableOfType(() -> service.complete(pending, "the-code"), LaunchRefusedException.class);
    }

    @Test
    void aClinicianOpensTheVisitOfTheAppointmentInTheContext() throws JOSEException {
        PendingLaunch pending = pending();
        tokenResponse(idToken(key, "openvisit", "Practitioner/p1", pending.authorization().nonce(),
                Instant.now().plusSeconds(300)));
        LaunchLanding landing = service.complete(pending, "the-code");
        assertThat(landing.patient()).isFalse();
        assertThat(landing.path()).isEqualTo("/visit/" + landing.visitId());
        assertThat(opened).containsExactly("clinician Practitioner/p1 PROVIDER appointment:Appointment/appt-77 loc-cardio",
                "context Appointment/appt-77 Encounter/enc-secret",
                "booked 2026-12-01T08:00:00Z 2026-12-01T08:30:00Z");
        assertThat(audit).containsExactly("ACCEPTED PROVIDER_LAUNCH Practitioner/p1");
    }

    @Test
    void aLaunchWhoseBookedTimeAnotherLaunchRecordedFirstStillOpensTheVisit() throws JOSEException {
        bookedTimeRecordedMeanwhile = true;
        PendingLaunch pending = pending();
        tokenResponse(idToken(key, "openvisit", "Practitioner/p1", pending.authorization().nonce(),
                Instant.now().plusSeconds(300)));
        LaunchLanding landing = service.complete(pending, "the-code");
        assertThat(landing.path()).isEqualTo("/visit/" + landing.visitId());
        assertThat(opened).hasSize(2).noneMatch(line -> line.startsWith("booked"));
        assertThat(audit).containsExactly("ACCEPTED PROVIDER_LAUNCH Practitioner/p1");
    }

    @Test
    void aPatientGoesToTheLobbyAndIsRecordedNowhere() throws JOSEException {
        PendingLaunch pending = pending();
        tokenResponse(idToken(key, "openvisit", "Patient/pat-secret", pending.authorization().nonce(),
                Instant.now().plusSeconds(300)));
        LaunchLanding landing = service.complete(pending, "the-code");
        assertThat(landing.patient()).isTrue();
        assertThat(landing.path()).endsWith("/lobby");
        assertThat(opened).containsExactly("patient appointment:Appointment/appt-77 loc-cardio",
                "context Appointment/appt-77 Encounter/enc-secret",
                "booked 2026-12-01T08:00:00Z 2026-12-01T08:30:00Z");
        assertThat(audit).containsExactly("ACCEPTED PATIENT_LAUNCH null");
        assertThat(String.join(" ", audit)).doesNotContain("pat-secret", "enc-secret", "appt-77");
    }

    @Test
    void aTokenEndpointErrorIsRefused() {
        tokenStatus.set(500);
        tokenAnswer.set("{\"error\":\"server_error\"}");
        LaunchRefusedException e = refused(pending());
        assertThat(e.reasonCode()).isEqualTo("TOKEN_ENDPOINT_ERROR");
        assertThat(e.getMessage()).contains("HTTP 500");
        assertThat(opened).isEmpty();
        assertThat(audit).singleElement().asString().startsWith("REFUSED TOKEN_ENDPOINT_ERROR");
    }

    @Test
    void anIdTokenWithABadSignatureIsRefused() throws JOSEException {
        PendingLaunch pending = pending();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        tokenResponse(idToken(stranger, "openvisit", "Practitioner/p1", pending.authorization().nonce(),
                Instant.now().plusSeconds(300)));
        LaunchRefusedException e = refused(pending);
        assertThat(e.reasonCode()).isEqualTo("ID_TOKEN_BAD_SIGNATURE");
        assertThat(opened).isEmpty();
        assertThat(audit).singleElement().asString().startsWith("REFUSED ID_TOKEN_BAD_SIGNATURE");
    }

    @Test
    void anIdTokenForAnotherAppIsRefused() throws JOSEException {
        PendingLaunch pending = pending();
        tokenResponse(idToken(key, "another-app", "Practitioner/p1", pending.authorization().nonce(),
                Instant.now().plusSeconds(300)));
        assertThat(refused(pending).reasonCode()).isEqualTo("ID_TOKEN_WRONG_AUDIENCE");
        assertThat(opened).isEmpty();
    }

    @Test
    void anExpiredIdTokenIsRefused() throws JOSEException {
        PendingLaunch pending = pending();
        tokenResponse(idToken(key, "openvisit", "Practitioner/p1", pending.authorization().nonce(),
                Instant.now().minus(Duration.ofMinutes(10))));
        assertThat(refused(pending).reasonCode()).isEqualTo("ID_TOKEN_EXPIRED");
        assertThat(opened).isEmpty();
    }

    @Test
    void aLaunchWithNeitherAppointmentNorEncounterOpensNothing() throws JOSEException {
        PendingLaunch pending = pending();
        tokenAnswer.set("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"id_token\":\"" + idToken(key, "openvisit",
                "Practitioner/p1", pending.authorization().nonce(), Instant.now().plusSeconds(300)) + "\",\"patient\":\"x\","
                + "\"fhirContext\":[{\"reference\":\"Observation/o1\"},{\"reference\":\"Appointment/a9\",\"role\":"
                + "\"https://example.org/role/previous\"}]}");
        LaunchRefusedException e = refused(pending);
        assertThat(e.reasonCode()).isEqualTo("NO_LAUNCH_CONTEXT");
        assertThat(e.getMessage()).contains("appointment", "encounter");
        assertThat(opened).isEmpty();
        assertThat(audit).singleElement().asString().startsWith("REFUSED NO_LAUNCH_CONTEXT Practitioner/p1");
    }

    private void launchWith(PendingLaunch pending, String subject, String fhirUser, String context) throws JOSEException {
        tokenAnswer.set("{\"access_token\":\"secret-access\",\"token_type\":\"Bearer\",\"id_token\":\""
                + idToken(key, "openvisit", subject, fhirUser, pending.authorization().nonce(), Instant.now().plusSeconds(300))
                + "\",\"patient\":\"pat-secret\"" + (context.isEmpty() ? "" : "," + context) + "}");
    }

    @Test
    void anAbsoluteFhirUserOfTheEndpointIsStoredAsTheRelativeOne() throws JOSEException {
        PendingLaunch pending = pending();
        launchWith(pending, "opaque-sub", base + "/Practitioner/p1", "\"fhirContext\":[{\"reference\":\"Appointment/appt-77\"}]");
        service.complete(pending, "the-code");
        assertThat(opened.get(0)).isEqualTo("clinician Practitioner/p1 PROVIDER appointment:Appointment/appt-77 null");
        assertThat(audit).containsExactly("ACCEPTED PROVIDER_LAUNCH Practitioner/p1");
    }

    @Test
    void anAbsoluteFhirUserOfAnotherServerIsRefused() throws JOSEException {
        PendingLaunch pending = pending();
        launchWith(pending, "sub", "https://other.example.org/fhir/Practitioner/p1",
                "\"fhirContext\":[{\"reference\":\"Appointment/appt-77\"}]");
        LaunchRefusedException e = refused(pending);
        assertThat(e.reasonCode()).isEqualTo("FOREIGN_FHIR_USER");
        assertThat(opened).isEmpty();
        assertThat(audit).singleElement().asString().startsWith("REFUSED FOREIGN_FHIR_USER null");
    }

    @Test
    void everyFhirContextFormNamesTheSameAppointment() throws JOSEException {
        for (String item : List.of("{\"reference\":\"Appointment/appt-77\"}",
                "{\"type\":\"Appointment\",\"reference\":\"Appointment/appt-77\"}",
                "{\"type\":\"Appointment\",\"reference\":\"appt-77\"}",
                "{\"type\":\"Appointment\",\"canonical\":\"" + base + "/Appointment/appt-77|3\"}",
                "{\"reference\":\"" + base + "/Appointment/appt-77/_history/2\",\"role\":\"launch\"}",
                "\"Appointment/appt-77\"")) {
            opened.clear();
            PendingLaunch pending = pending();
            launchWith(pending, "Practitioner/p1", "Practitioner/p1", "\"fhirContext\":[" + item + "]");
            service.complete(pending, "the-code");
            assertThat(opened.get(0)).as(item).endsWith("appointment:Appointment/appt-77 null");
        }
    }

    @Test
    void anAppointmentOfAnotherServerIsNotTaken() throws JOSEException {
        PendingLaunch pending = pending();
        launchWith(pending, "Practitioner/p1", "Practitioner/p1",
                "\"fhirContext\":[{\"reference\":\"https://other.example.org/fhir/Appointment/appt-77\"}]");
        assertThat(refused(pending).reasonCode()).isEqualTo("NO_LAUNCH_CONTEXT");
    }

    @Test
    void anEncounterLaunchJoinsTheVisitOfItsAppointment() throws JOSEException {
        PendingLaunch pending = pending();
        launchWith(pending, "Practitioner/p1", "Practitioner/p1", "\"encounter\":\"enc-77\"");
        service.complete(pending, "the-code");
        assertThat(opened).containsExactly("clinician Practitioner/p1 PROVIDER appointment:Appointment/appt-77 null",
                "context Appointment/appt-77 Encounter/enc-77", "booked 2026-12-01T08:00:00Z 2026-12-01T08:30:00Z");
    }

    @Test
    void anEncounterWhoseAppointmentCannotBeReadKeysTheVisitByTheEncounter() throws JOSEException {
        PendingLaunch pending = pending();
        launchWith(pending, "Practitioner/p1", "Practitioner/p1", "\"encounter\":\"Encounter/enc-locked\"");
        service.complete(pending, "the-code");
        assertThat(opened).containsExactly("clinician Practitioner/p1 PROVIDER encounter:Encounter/enc-locked null",
                "context null Encounter/enc-locked");
    }

    @Test
    void anAppointmentNamedOnlyByIdentifierKeysTheVisit() throws JOSEException {
        PendingLaunch pending = pending();
        launchWith(pending, "Practitioner/p1", "Practitioner/p1", "\"fhirContext\":[{\"type\":\"Appointment\","
                + "\"identifier\":{\"system\":\"urn:csn\",\"value\":\"1001\"}}]");
        service.complete(pending, "the-code");
        assertThat(opened.get(0)).endsWith("appointment:Appointment?identifier=urn:csn|1001 null");
    }

    @Test
    void thePatientLaunchUrlMakesAPatientWhateverTheUser() throws JOSEException {
        String[][] users = {{"RelatedPerson/proxy-1", "RelatedPerson/proxy-1"}, {"opaque-portal-sub", null},
                {"Practitioner/p1", "Practitioner/p1"}};
        for (String[] user : users) {
            opened.clear();
            audit.clear();
            PendingLaunch pending = pending(LaunchAudience.PATIENT);
            launchWith(pending, user[0], user[1], "\"fhirContext\":[{\"reference\":\"Appointment/appt-77\"}]");
            LaunchLanding landing = service.complete(pending, "the-code");
            assertThat(landing.patient()).as(user[0]).isTrue();
            assertThat(opened.get(0)).isEqualTo("patient appointment:Appointment/appt-77 null");
            assertThat(audit).containsExactly("ACCEPTED PATIENT_LAUNCH null");
        }
    }

    @Test
    void aProxyOnTheBareLaunchIsAPatientAndNoUserIsNobody() throws JOSEException {
        PendingLaunch proxy = pending();
        launchWith(proxy, "RelatedPerson/proxy-1", "RelatedPerson/proxy-1", "\"encounter\":\"enc-77\"");
        assertThat(service.complete(proxy, "the-code").patient()).isTrue();
        PendingLaunch nobody = pending();
        launchWith(nobody, "opaque-sub", null, "\"encounter\":\"enc-77\"");
        assertThat(refused(nobody).reasonCode()).isEqualTo("UNSUPPORTED_USER");
    }

    @Test
    void aSubShapedLikeAPractitionerWithoutFhirUserIsNoClinician() throws JOSEException {
        PendingLaunch pending = pending();
        launchWith(pending, "Practitioner/p1", null, "\"fhirContext\":[{\"reference\":\"Appointment/appt-77\"}]");
        assertThat(refused(pending).reasonCode()).isEqualTo("UNSUPPORTED_USER");
        assertThat(opened).isEmpty();
    }

    @Test
    void noTokenOrCodeEntersTheAuditLog() throws JOSEException {
        PendingLaunch pending = pending();
        tokenStatus.set(400);
        tokenAnswer.set("{\"error\":\"invalid_grant\",\"error_description\":\"secret-access\"}");
        refused(pending);
        assertThat(String.join(" ", audit)).doesNotContain("the-code", "secret-access", pending.state());
    }
}
