package org.openvisit.audit.infrastructure.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.audit.application.AuditEntry;
import org.openvisit.audit.application.AuditRepository.ForwardFailure;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.ehr.fhir.FhirClients;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Forwarding to an organization's audit repository over real HTTP (a small FHIR server on loopback): the AuditEvent is
 * POSTed to {@code [base]/AuditEvent}; 5xx, 408 and 429 are worth another attempt, other refusals are not; an address
 * the production policy refuses (loopback, private) is never contacted.
 */
class FhirAuditRepositoryTest {

    private HttpServer server;
    private final List<String> received = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger(201);
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir/AuditEvent", exchange -> {
            synchronized (received) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] body = "{\"resourceType\":\"AuditEvent\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static AuditEntry entry() {
        return new AuditEntry(UUID.randomUUID(), Instant.parse("2027-01-10T08:00:00Z"),
                AuditFact.of(AuditKind.SIGN_IN, AuditActor.portalUser("ada.admin")).withOrganization(UUID.randomUUID())
                        .withSourceAddress("192.0.2.3"), null);
    }

    private static FhirAuditRepository repository(OutboundAddressPolicy policy) {
        return new FhirAuditRepository(FhirClients.withPolicy(policy), "https://openvisit.example.org");
    }

    @Test
    void postsTheAuditEventToTheRepository() {
        repository(new OutboundAddressPolicy(true, false)).send(base, entry());
        assertThat(received).hasSize(1);
        String request = received.get(0);
        assertThat(request).startsWith("POST /fhir/AuditEvent ");
        AuditEvent sent = FhirContext.forR4().newJsonParser().parseResource(AuditEvent.class,
                request.substring(request.indexOf('{')));
        assertThat(sent.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("ada.admin");
        assertThat(sent.getSource().getObserver().getIdentifier().getValue()).isEqualTo("https://openvisit.example.org");
    }

    @Test
    void aServerFailureIsTriedAgainARefusalIsNot() {
        FhirAuditRepository repository = repository(new OutboundAddressPolicy(true, false));
        for (int again : new int[] {500, 503, 408, 429}) {
            status.set(again);
            assertThatThrownBy(() -> repository.send(base, entry())).isInstanceOf(ForwardFailure.class)
                    .satisfies(f -> assertThat(((ForwardFailure) f).permanent()).as("HTTP " + again).isFalse())
                    .hasMessageContaining("HTTP " + again);
        }
        for (int refused : new int[] {400, 401, 403, 404, 422}) {
            status.set(refused);
            assertThatThrownBy(() -> repository.send(base, entry())).isInstanceOf(ForwardFailure.class)
                    .satisfies(f -> assertThat(((ForwardFailure) f).permanent()).as("HTTP " + refused).isTrue());
        }
    }

    @Test
    void aRepositoryThatCannotBeReachedIsTriedAgain() {
        server.stop(0);
        assertThatThrownBy(() -> repository(new OutboundAddressPolicy(true, false)).send(base, entry()))
                .isInstanceOf(ForwardFailure.class)
                .satisfies(f -> assertThat(((ForwardFailure) f).permanent()).isFalse());
    }

    @Test
    void theProductionPolicyNeverContactsLoopbackOrPlainHttp() {
        FhirAuditRepository production = repository(OutboundAddressPolicy.PRODUCTION);
        assertThatThrownBy(() -> production.send(base, entry())).isInstanceOf(ForwardFailure.class)
                .satisfies(f -> assertThat(((ForwardFailure) f).permanent()).isTrue());
        assertThatThrownBy(() -> production.send("https://127.0.0.1:" + server.getAddress().getPort() + "/fhir",
                entry())).isInstanceOf(ForwardFailure.class)
                .satisfies(f -> assertThat(((ForwardFailure) f).permanent()).isTrue());
        assertThat(received).isEmpty();
    }
}
