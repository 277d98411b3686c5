package org.openvisit.tenant.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Which addresses entered FHIR base URLs may point to, from MicroProfile Config:
 * {@code openvisit.mode} ({@code development} or {@code production}; development also accepts this
 * server's own loopback addresses) and {@code openvisit.endpoints.allow-private-addresses} (an EHR on the
 * hospital's own network). The defaults are in {@code META-INF/microprofile-config.properties}. Read once
 * at start; an unknown mode stops the deployment rather than guessing.
 */
@ApplicationScoped
public class OutboundAddressConfiguration {

    public static final String MODE = "openvisit.mode";
    public static final String ALLOW_PRIVATE_ADDRESSES = "openvisit.endpoints.allow-private-addresses";

    private static final Logger LOG = Logger.getLogger(OutboundAddressConfiguration.class.getName());

    @Inject
    @ConfigProperty(name = MODE)
    private String mode;

    @Inject
    @ConfigProperty(name = ALLOW_PRIVATE_ADDRESSES)
    private boolean privateAddressesAllowed;

    private OutboundAddressPolicy policy;

    @PostConstruct
    void read() {
        policy = new OutboundAddressPolicy(developmentMode(mode), privateAddressesAllowed);
        LOG.info(() -> "FHIR base URLs: " + (policy.developmentMode() ? "development" : "production")
                + " mode (this server's own addresses " + (policy.developmentMode() ? "accepted" : "refused")
                + "), private addresses " + (policy.privateAddressesAllowed() ? "accepted" : "refused"));
    }

    /** Reads and checks the configuration when the application starts, not at the first request. */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        policy();
    }

    public OutboundAddressPolicy policy() {
        return policy;
    }

    static boolean developmentMode(String mode) {
        String value = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "development" -> true;
            case "production" -> false;
            default -> throw new IllegalStateException("The configuration key " + MODE + " must be \"development\" "
                    + "or \"production\", not \"" + mode + "\".");
        };
    }
}
