package org.openvisit.room.interfaces.websocket;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The STUN/TURN servers the browsers are given ({@code openvisit.rooms.ice-servers}, comma-separated;
 * none by default, which is enough on one network), with the TURN credentials for turn: URLs.
 */
@ApplicationScoped
public class IceServers {

    @Inject
    @ConfigProperty(name = "openvisit.rooms.ice-servers")
    private Optional<String> urls;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.turn-username")
    private Optional<String> turnUsername;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.turn-credential")
    private Optional<String> turnCredential;

    /** As an {@code RTCConfiguration.iceServers} array. */
    JsonArrayBuilder asJson() {
        JsonArrayBuilder servers = Jsons.createArrayBuilder();
        for (String url : urls.orElse("").split(",")) {
            String u = url.strip();
            if (u.isEmpty()) {
                continue;
            }
            JsonObjectBuilder server = Jsons.createObjectBuilder().add("urls", u);
            if (u.startsWith("turn") && turnUsername.isPresent() && turnCredential.isPresent()) {
                server.add("username", turnUsername.get()).add("credential", turnCredential.get());
            }
            servers.add(server);
        }
        return servers;
    }
}
