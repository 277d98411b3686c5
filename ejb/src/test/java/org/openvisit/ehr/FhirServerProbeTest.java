package org.openvisit.ehr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.FhirServerCheck.Outcome;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's Test connection against a small FHIR server on this machine's loopback (development mode). */
class FhirServerProbeTest {

    private static final OutboundAddressPolicy DEVELOPMENT = new OutboundAddressPolicy(true, false);
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private HttpServer server;
    private String origin;
    private FhirServerProbe probe;

    @BeforeEach
    void ehr() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/good/.well-known/smart-configuration", e -> answer(e, 200, "{\"issuer\":\"" + origin
                + "/good\",\"authorization_endpoint\":\"" + origin + "/authorize\",\"token_endpoint\":\"" + origin
                + "/token\",\"jwks_uri\":\"" + origin + "/jwks\",\"code_challenge_methods_supported\":[\"S256\"]}"));
        server.createContext("/good/metadata", e -> answer(e, 200,
                "{\"resourceType\":\"CapabilityStatement\",\"fhirVersion\":\"4.0.1\"}"));
        server.createContext("/stu3/.well-known/smart-configuration", e -> answer(e, 200, "{\"issuer\":\"x\"}"));
        server.createContext("/stu3/metadata", e -> answer(e, 200,
                "{\"resourceType\":\"CapabilityStatement\",\"fhirVersion\":\"3.0.2\"}"));
        server.createContext("/moved/", e -> {
            e.getResponseHeaders().add("Location", origin + "/good/metadata");
            answer(e, 302, "");
        });
        server.createContext("/page/metadata", e -> answer(e, 200, "<html>hello</html>"));
        server.start();
        probe = new FhirServerProbe(new OutboundHttp(DEVELOPMENT), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSmartOnFhirR4ServerPasses() {
        FhirServerCheck check = probe.check(origin + "/good/");

        assertThat(check.ok()).isTrue();
        assertThat(check.discovery()).isEqualTo(Outcome.OK);
        assertThat(check.metadata()).isEqualTo(Outcome.OK);
        assertThat(check.fhirVersion()).isEqualTo("4.0.1");
        assertThat(check.detail()).isNull();
        assertThat(check.checkedAt()).isEqualTo(NOW);
    }

    @Test
    void sayWhichStepFailedAndHow() {
        FhirServerCheck stu3 = probe.check(origin + "/stu3");
        assertThat(stu3.discovery()).isEqualTo(Outcome.NOT_SMART);
        assertThat(stu3.metadata()).isEqualTo(Outcome.WRONG_FHIR_VERSION);
        assertThat(stu3.fhirVersion()).isEqualTo("3.0.2");
        assertThat(stu3.ok()).isFalse();

        FhirServerCheck missing = probe.check(origin + "/nothing");
        assertThat(missing.discovery()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(missing.discoveryStatus()).isEqualTo(404);
        assertThat(missing.detail()).contains("HTTP 404");

        FhirServerCheck moved = probe.check(origin + "/moved");
        assertThat(moved.discovery()).isEqualTo(Outcome.REDIRECT);
        assertThat(moved.metadataStatus()).isEqualTo(302);

        assertThat(probe.check(origin + "/page").metadata()).isEqualTo(Outcome.NOT_FHIR);
    }

    @Test
    void unreachableAndRefusedAddressesAreNamed() throws IOException {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        FhirServerCheck down = probe.check("http://127.0.0.1:" + closed + "/fhir");
        assertThat(down.discovery()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(down.metadata()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(down.discoveryStatus()).isZero();

        FhirServerProbe production = new FhirServerProbe(new OutboundHttp(OutboundAddressPolicy.PRODUCTION),
                Clock.systemUTC());
        FhirServerCheck refused = production.check(origin + "/good");
        assertThat(refused.discovery()).isEqualTo(Outcome.REFUSED_ADDRESS);
        assertThat(refused.metadata()).isEqualTo(Outcome.REFUSED_ADDRESS);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
