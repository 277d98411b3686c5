package org.openvisit.room.infrastructure.janus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.janus.JanusAdmin;
import org.openvisit.room.application.SfuRooms;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The installation's {@link SfuRooms}: Janus when {@code openvisit.rooms.sfu.enabled} is true (its browser URL,
 * admin URL, admin secret, room secret and VideoRoom create key set), otherwise {@link SfuRooms#NONE} and group
 * visits stop at the mesh limit. Janus is the operator's own server, so its address may be this machine or a private
 * one; plain http is accepted only on this machine (use https for a Janus elsewhere).
 */
@ApplicationScoped
public class SfuConfiguration {

    private static final Logger LOG = Logger.getLogger(SfuConfiguration.class.getName());

    /** An operator-configured server: loopback and private addresses allowed, link-local and the like never. */
    static final OutboundAddressPolicy OPERATORS_OWN = new OutboundAddressPolicy(true, true);

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.admin-url")
    Optional<String> adminUrl;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.admin-secret")
    Optional<String> adminSecret;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.room-secret")
    Optional<String> roomSecret;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.create-key")
    Optional<String> createKey;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.mesh-limit", defaultValue = "4")
    int meshLimit;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.call-limit", defaultValue = "12")
    int callLimit;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.sfu.watch-limit", defaultValue = "50")
    int watchLimit;

    @Produces
    @ApplicationScoped
    SfuRooms sfuRooms() {
        if (!enabled) {
            return SfuRooms.NONE;
        }
        if (url.isEmpty() || adminUrl.isEmpty() || adminSecret.isEmpty() || roomSecret.isEmpty()
                || createKey.isEmpty()) {
            LOG.warning("openvisit.rooms.sfu.enabled is true but openvisit.rooms.sfu.url, admin-url, admin-secret, "
                    + "room-secret or create-key is not set: group visits stay at the mesh's size.");
            return SfuRooms.NONE;
        }
        return new JanusSfuRooms(new JanusAdmin(new OutboundHttp(OPERATORS_OWN), URI.create(adminUrl.get().strip()),
                adminSecret.get().strip()), URI.create(url.get().strip()), roomSecret.get().strip(),
                createKey.get().strip(), meshLimit, callLimit, watchLimit);
    }
}
