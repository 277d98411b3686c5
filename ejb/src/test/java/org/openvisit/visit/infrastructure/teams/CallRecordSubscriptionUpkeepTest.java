package org.openvisit.visit.infrastructure.teams;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.graph.GraphApp;
import org.openvisit.ehr.graph.GraphClient;
import org.openvisit.ehr.graph.GraphCredential;
import org.openvisit.ehr.graph.GraphTokens;
import org.openvisit.tenant.application.TeamsConnection;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;
import org.openvisit.tenant.domain.model.TeamsSettings.LobbyBypass;
import org.openvisit.tenant.domain.model.TeamsSettings.MeetingChat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organization's call records subscription made or renewed against a local stand-in for Entra and Graph (WireMock
 * on 127.0.0.1): renewal by PATCH, a subscription Graph no longer knows made again, a refusal recorded, and no
 * request at all when OpenVisit's public address is not set.
 */
class CallRecordSubscriptionUpkeepTest {

    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final String SUBSCRIPTION = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final URI ADDRESS = URI.create("https://openvisit.example/teams/graph/notifications");
    private static final UUID ORG = UUID.randomUUID();

    private WireMockServer stub;
    private GraphClient client;
    private final List<String> outcomes = new ArrayList<>();

    private final CallRecordSubscriptionUpkeep.Outcomes recorder = new CallRecordSubscriptionUpkeep.Outcomes() {
        @Override
        public void subscribed(UUID organizationId, String subscriptionId, String clientState, Instant expiresAt,
                               Instant now) {
            outcomes.add((clientState == null ? "renewed " : "made " + clientState + " ") + subscriptionId + " until "
                    + expiresAt);
        }

        @Override
        public void forget(UUID organizationId) {
            outcomes.add("forgotten");
        }

        @Override
        public void failed(UUID organizationId, String failure, String error, Instant now) {
            outcomes.add("failed " + failure + ": " + error);
        }
    };

    @BeforeEach
    void start() {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        OutboundHttp http = new OutboundHttp(new OutboundAddressPolicy(true, false), InetAddress::getAllByName);
        URI login = URI.create("http://127.0.0.1:" + stub.port());
        URI graph = URI.create("http://127.0.0.1:" + stub.port() + "/v1.0");
        client = new GraphClient(http, new GraphTokens(new CodeExchange(http), login, graph, Clock.systemUTC()),
                graph, d -> { });
        stub.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"graph-token-1\"}")));
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private CallRecordSubscriptionUpkeep upkeep(Optional<URI> address) {
        TeamsConnection connection = new TeamsConnection(new GraphApp(TENANT, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                new GraphCredential.ClientSecret("s3cret")), "organizer", LobbyBypass.ORGANIZATION,
                MeetingChat.ENABLED, false);
        return new CallRecordSubscriptionUpkeep(() -> client, id -> connection, address, () -> "fresh-state",
                TeamsCallRecordSubscriptions.LIFETIME, recorder);
    }

    private static String subscriptionJson(String id, Instant expires) {
        return "{\"id\":\"" + id + "\",\"resource\":\"/communications/callRecords\",\"changeType\":\"created\","
                + "\"expirationDateTime\":\"" + expires + "\"}";
    }

    @Test
    void aSubscriptionNearItsExpiryIsRenewedWithPatchAndKeepsItsClientState() {
        Instant until = NOW.plus(TeamsCallRecordSubscriptions.LIFETIME);
        stub.stubFor(patch(urlEqualTo("/v1.0/subscriptions/" + SUBSCRIPTION))
                .withHeader("Authorization", equalTo("Bearer graph-token-1"))
                .withRequestBody(matchingJsonPath("$.expirationDateTime", equalTo(until.toString())))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(subscriptionJson(SUBSCRIPTION, until))));

        upkeep(Optional.of(ADDRESS)).keep(ORG, SUBSCRIPTION, NOW);

        assertThat(outcomes).containsExactly("renewed " + SUBSCRIPTION + " until " + until);
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/v1.0/subscriptions")))).isEmpty();
        assertThat(Duration.between(NOW, until)).isLessThanOrEqualTo(Duration.ofMinutes(4230));
    }

    @Test
    void aSubscriptionGraphNoLongerKnowsIsMadeAgainWithAFreshClientState() {
        stub.stubFor(patch(urlEqualTo("/v1.0/subscriptions/" + SUBSCRIPTION)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"ResourceNotFound\","
                        + "\"message\":\"The object was not found.\"}}")));
        Instant until = NOW.plus(TeamsCallRecordSubscriptions.LIFETIME);
        stub.stubFor(post(urlEqualTo("/v1.0/subscriptions"))
                .withRequestBody(matchingJsonPath("$.notificationUrl", equalTo(ADDRESS.toString())))
                .withRequestBody(matchingJsonPath("$.clientState", equalTo("fresh-state")))
                .withRequestBody(matchingJsonPath("$.resource", equalTo("/communications/callRecords")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(subscriptionJson("new-subscription", until))));

        upkeep(Optional.of(ADDRESS)).keep(ORG, SUBSCRIPTION, NOW);

        assertThat(outcomes).containsExactly("forgotten", "made fresh-state new-subscription until " + until);
        assertThat(stub.findAll(patchRequestedFor(urlEqualTo("/v1.0/subscriptions/" + SUBSCRIPTION)))).hasSize(1);
    }

    @Test
    void aRenewalGraphRefusesIsRecordedAndNothingIsMadeInstead() {
        stub.stubFor(patch(urlEqualTo("/v1.0/subscriptions/" + SUBSCRIPTION)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"Forbidden\","
                        + "\"message\":\"Insufficient privileges to complete the operation.\"}}")));

        upkeep(Optional.of(ADDRESS)).keep(ORG, SUBSCRIPTION, NOW);

        assertThat(outcomes).singleElement().asString().startsWith("failed CALL_RECORDS_PERMISSION_MISSING");
        assertThat(stub.findAll(postRequestedFor(urlEqualTo("/v1.0/subscriptions")))).isEmpty();
    }

    @Test
    void withoutAPublicAddressNothingIsAskedOfEntraOrGraphAndTheReasonIsRecorded() {
        upkeep(Optional.empty()).keep(ORG, null, NOW);
        upkeep(Optional.empty()).keep(ORG, SUBSCRIPTION, NOW);

        assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o)
                .startsWith("failed NOTIFICATION_URL_NOT_SET").contains("openvisit.public-url"));
        assertThat(stub.findAll(anyRequestedFor(anyUrl()))).as("no token request, no subscription").isEmpty();
    }
}
