package org.openvisit.ehr.graph;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.tenant.application.OutboundAddressConfiguration;

import java.net.URI;
import java.time.Clock;

/**
 * The installation's one {@link GraphClient} (and so its one token cache), on the configured Entra and Graph
 * addresses ({@code openvisit.teams.login-base-url}, {@code openvisit.teams.graph-base-url}) and the installation's
 * outbound address policy.
 */
@ApplicationScoped
public class TeamsGraph {

    @Inject
    @ConfigProperty(name = "openvisit.teams.login-base-url", defaultValue = "https://login.microsoftonline.com")
    private String loginBase;

    @Inject
    @ConfigProperty(name = "openvisit.teams.graph-base-url", defaultValue = "https://graph.microsoft.com/v1.0")
    private String graphBase;

    @Inject
    private OutboundAddressConfiguration addresses;

    private GraphClient client;

    @PostConstruct
    void wire() {
        OutboundHttp http = new OutboundHttp(addresses.policy());
        URI graph = URI.create(graphBase.strip());
        client = new GraphClient(http, new GraphTokens(new CodeExchange(http), URI.create(loginBase.strip()), graph,
                Clock.systemUTC()), graph, d -> Thread.sleep(d.toMillis()));
    }

    public GraphClient client() {
        return client;
    }
}
