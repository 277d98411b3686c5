package org.openvisit.identity.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The session cookie's policy, read once from MicroProfile Config (see {@link SessionCookiePolicy}), and this node's
 * route ({@value #NODE_ROUTE}): behind a load balancer, a node that starts an HTTP session (the portal's sign-in and
 * screens, which live in that node's memory) also sets the cookie {@value #NODE_COOKIE} with its route, and the
 * balancer sends that browser's requests back to it while it is up (server-config/nginx). Visits and launches do not
 * need it: their state is in the data grid.
 */
@ApplicationScoped
public class SessionCookieSettings {

    private static final Logger LOG = Logger.getLogger(SessionCookieSettings.class.getName());

    @Inject
    @ConfigProperty(name = "openvisit.mode", defaultValue = "production")
    private String mode;

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.SECURE)
    private Optional<Boolean> secure;

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.SAME_SITE)
    private Optional<String> sameSite;

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.PARTITIONED)
    private Optional<Boolean> partitioned;

    public static final String NODE_ROUTE = "openvisit.node-route";
    public static final String NODE_COOKIE = "OPENVISIT_NODE";

    @Inject
    @ConfigProperty(name = NODE_ROUTE)
    private Optional<String> route;

    private SessionCookiePolicy policy;
    private Optional<String> nodeRoute = Optional.empty();

    @PostConstruct
    void read() {
        policy = SessionCookiePolicy.of(mode, secure, sameSite, partitioned);
        nodeRoute = route.map(String::strip).filter(r -> !r.isEmpty());
        if (nodeRoute.isPresent() && !nodeRoute.get().matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalStateException(NODE_ROUTE + " must be 1 to 32 letters, digits, '-' or '_', not '"
                    + nodeRoute.get() + "'.");
        }
        LOG.info(() -> "Session cookie " + policy.name() + ": HttpOnly" + (policy.secure() ? "; Secure" : "")
                + "; SameSite=" + policy.sameSite() + (policy.partitioned() ? "; Partitioned" : ""));
    }

    public SessionCookiePolicy policy() {
        return policy;
    }

    /** This node's route for the balancer's stickiness, when it runs behind one (empty on a single node). */
    public Optional<String> nodeRoute() {
        return nodeRoute;
    }
}
