package org.openvisit.visit.infrastructure.teams;

import org.openvisit.ehr.graph.GraphClient;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.ehr.graph.GraphSubscription;
import org.openvisit.tenant.application.TeamsConnection;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One organization's due call records subscription, made or renewed: without a notification address nothing is
 * asked of Graph and the failure {@code NOTIFICATION_URL_NOT_SET} is recorded; a subscription OpenVisit holds is
 * renewed ({@code PATCH /subscriptions/{id}}) to {@code lifetime} from now; one Graph no longer knows (404) is
 * forgotten and made again ({@code POST /subscriptions} with a fresh clientState); Graph's refusals are recorded as
 * failures. Plain Java, so that each case runs in a unit test against a stand-in for Graph.
 */
final class CallRecordSubscriptionUpkeep {

    /** Where the outcome goes (the global store of the organization's Teams settings). */
    interface Outcomes {

        /** Made ({@code clientState} the new one) or renewed ({@code clientState} null). */
        void subscribed(UUID organizationId, String subscriptionId, String clientState, Instant expiresAt, Instant now);

        /** Graph no longer knows the subscription. */
        void forget(UUID organizationId);

        /** Nothing made: the failure's kind name and the words for IT. */
        void failed(UUID organizationId, String failure, String error, Instant now);
    }

    private static final Logger LOG = Logger.getLogger(CallRecordSubscriptionUpkeep.class.getName());

    private final Supplier<GraphClient> graph;
    private final Function<UUID, TeamsConnection> connections;
    private final Optional<URI> address;
    private final Supplier<String> clientStates;
    private final Duration lifetime;
    private final Outcomes outcomes;

    CallRecordSubscriptionUpkeep(Supplier<GraphClient> graph, Function<UUID, TeamsConnection> connections,
                                 Optional<URI> address, Supplier<String> clientStates, Duration lifetime,
                                 Outcomes outcomes) {
        this.graph = graph;
        this.connections = connections;
        this.address = address;
        this.clientStates = clientStates;
        this.lifetime = lifetime;
        this.outcomes = outcomes;
    }

    /** Makes or renews the subscription of the organization ({@code subscriptionId} null: it has none). */
    void keep(UUID organizationId, String subscriptionId, Instant now) {
        if (address.isEmpty()) {
            outcomes.failed(organizationId, GraphFailure.Kind.NOTIFICATION_URL_NOT_SET.name(), "OpenVisit's public "
                    + "address is not set (openvisit.public-url or openvisit.teams.notification-url), so Microsoft "
                    + "Graph has nowhere to send call record notifications. No subscription was asked for.", now);
            return;
        }
        try {
            TeamsConnection connection = connections.apply(organizationId);
            GraphClient client = graph.get();
            if (subscriptionId != null) {
                Optional<GraphSubscription> renewed = client.renew(connection.app(), subscriptionId, now.plus(lifetime));
                if (renewed.isPresent()) {
                    outcomes.subscribed(organizationId, renewed.get().id(), null, renewed.get().expiresAt(), now);
                    return;
                }
                outcomes.forget(organizationId); // expired or deleted at Graph: make a new one
            }
            String clientState = clientStates.get();
            GraphSubscription made = client.subscribe(connection.app(), GraphClient.CALL_RECORDS_RESOURCE,
                    address.get(), clientState, now.plus(lifetime));
            outcomes.subscribed(organizationId, made.id(), clientState, made.expiresAt(), now);
            LOG.info(() -> "Teams call record subscription of organization " + organizationId + " made, until "
                    + made.expiresAt());
        } catch (GraphFailure failure) {
            LOG.info(() -> "Teams call record subscription of organization " + organizationId + " failed: "
                    + failure.kind());
            outcomes.failed(organizationId, failure.kind().name(), failure.getMessage(), now);
        }
    }
}
