package org.openvisit.ehr.graph;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.EhrKeySets;
import org.openvisit.ehr.IdTokenVerifier;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.tenant.application.OutboundAddressConfiguration;

import java.net.URI;
import java.time.Clock;

/**
 * The installation's one {@link GraphClient} (and so its one token cache) and {@link EntraSignIn} (and its key cache),
 * on the configured Entra and Graph
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
    private EntraSignIn signIn;

    @PostConstruct
    void wire() {
        OutboundHttp http = new OutboundHttp(addresses.policy());
        URI graph = URI.create(graphBase.strip());
        URI login = URI.create(loginBase.strip());
        client = new GraphClient(http, new GraphTokens(new CodeExchange(http), login, graph, Clock.systemUTC()), graph,
                d -> Thread.sleep(d.toMillis()));
        signIn = new EntraSignIn(new CodeExchange(http), new IdTokenVerifier(new EhrKeySets(http)), login,
                Clock.systemUTC());
    }

    /** Clinicians' one-time Microsoft sign-in. */
    public EntraSignIn signIn() {
        return signIn;
    }

    public GraphClient client() {
        return client;
    }
}
