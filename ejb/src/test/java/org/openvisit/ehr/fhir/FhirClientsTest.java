package org.openvisit.ehr.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The factory's clients on the wire, against a small local HTTP server that records what it was sent. */
class FhirClientsTest {

    private static final OutboundAddressPolicy DEVELOPMENT = new OutboundAddressPolicy(true, false);
    private static final FhirClientLimits LIMITS = new FhirClientLimits(Duration.ofSeconds(1),
            Duration.ofMillis(700), 4, 2);

    private HttpServer server;
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 201;
    private volatile long holdMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir", exchange -> {
            requests.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"resourceType\":\"OperationOutcome\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    @Test
    void ifNoneExistCarriesOnlyTheSearchParametersAndTheTokenGoesAsABearerHeader() {
        IGenericClient client = FhirClients.withPolicy(DEVELOPMENT).client(base(), LIMITS,
                new BearerTokenAuthInterceptor("token-123"));
        client.create().resource(new Communication().setStatus(Communication.CommunicationStatus.COMPLETED))
                .conditional().where(Communication.IDENTIFIER.exactly().systemAndIdentifier("urn:openvisit:visit-event", "e1"))
                .execute();
        assertThat(requests).hasSize(1);
        String ifNoneExist = header(requests.get(0), "If-None-Exist");
        assertThat(ifNoneExist).startsWith("identifier=").doesNotContain("://").doesNotContain("?")
                .doesNotContain("Communication");
        assertThat(java.net.URLDecoder.decode(ifNoneExist, StandardCharsets.UTF_8))
                .isEqualTo("identifier=urn:openvisit:visit-event|e1");
        assertThat(header(requests.get(0), "Authorization")).isEqualTo("Bearer token-123");
    }

    @Test
    void aRelativeFormIsLeftAsItIs() {
        assertThat(RelativeIfNoneExist.searchParameters("identifier=a%7Cb")).isEqualTo("identifier=a%7Cb");
        assertThat(RelativeIfNoneExist.searchParameters("http://ehr/fhir/Communication?identifier=a%7Cb&x=1"))
                .isEqualTo("identifier=a%7Cb&x=1");
    }

    @Test
    void aVersionConflictAnswered409IsHapisTypedException() {
        status = 409;
        IGenericClient client = FhirClients.withPolicy(DEVELOPMENT).client(base(), LIMITS);
        Encounter e = new Encounter();
        e.setId("Encounter/enc-1");
        assertThatThrownBy(() -> client.update().resource(e).withAdditionalHeader("If-Match", "W/\"1\"").execute())
                .isInstanceOf(ResourceVersionConflictException.class);
        assertThat(header(requests.get(0), "If-Match")).isEqualTo("W/\"1\"");
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsAConnectionFailure() {
        IGenericClient client = FhirClients.withPolicy(DEVELOPMENT).client(base(), LIMITS);
        status = 404; // first a quick answer: HAPI reads its Encounter model on first use, which is not the wait measured
        assertThatThrownBy(() -> client.read().resource(Encounter.class).withId("enc-1").execute());
        holdMillis = 2000;
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.read().resource(Encounter.class).withId("enc-1").execute())
                .isInstanceOf(FhirClientConnectionException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1900));
    }

    @Test
    void theOutboundAddressPolicyIsAppliedBeforeAClientIsMadeAndAtEveryNameLookup() throws Exception {
        assertThatThrownBy(() -> FhirClients.withPolicy(OutboundAddressPolicy.PRODUCTION).client(base(), LIMITS))
                .isInstanceOf(SmartSignInException.class);
        assertThat(requests).isEmpty();
        PolicyDnsResolver resolver = new PolicyDnsResolver(OutboundAddressPolicy.PRODUCTION,
                host -> new InetAddress[]{InetAddress.getByAddress(host, new byte[]{10, 0, 0, 7})});
        assertThatThrownBy(() -> resolver.resolve("ehr.example.org")).isInstanceOf(OutboundAddressRefusedException.class);
        PolicyDnsResolver publicHost = new PolicyDnsResolver(OutboundAddressPolicy.PRODUCTION,
                host -> new InetAddress[]{InetAddress.getByAddress(host, new byte[]{93, (byte) 184, (byte) 215, 14})});
        assertThat(publicHost.resolve("ehr.example.org")).hasSize(1);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new FhirClientLimits(Duration.ZERO, Duration.ofSeconds(1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
