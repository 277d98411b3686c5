package org.openvisit.room.interfaces.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.room.application.TurnCredentials;
import org.openvisit.shared.infrastructure.Jsons;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The STUN and TURN servers the browsers are given ({@code openvisit.rooms.ice-servers}, comma-separated; none by
 * default, which is enough on one network). {@code turn:}/{@code turns:} servers get a credential minted for each
 * socket under {@code openvisit.rooms.turn.secret} (coturn's {@code static-auth-secret}), never a fixed password,
 * and are offered UDP first, then TCP, then TLS (the last way through a firewall that opens only 443).
 */
@ApplicationScoped
public class IceServers {

    private static final Logger LOG = Logger.getLogger(IceServers.class.getName());

    @Inject
    @ConfigProperty(name = "openvisit.rooms.ice-servers")
    Optional<String> urls;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.turn.secret")
    Optional<String> turnSecret;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.turn.credential-lifetime", defaultValue = "PT8H")
    String turnLifetime;

    /** The fixed TURN password of earlier versions: no longer given to browsers (see {@link #check()}). */
    @Inject
    @ConfigProperty(name = "openvisit.rooms.turn-credential")
    Optional<String> retiredStaticCredential;

    private List<String> stun = List.of();
    private List<String> turn = List.of();
    private TurnCredentials credentials;
    private Clock clock = Clock.systemUTC();

    @PostConstruct
    void check() {
        List<String> stunUrls = new ArrayList<>();
        List<String> turnUrls = new ArrayList<>();
        for (String url : urls.orElse("").split(",")) {
            String u = url.strip();
            String scheme = u.contains(":") ? u.substring(0, u.indexOf(':')).toLowerCase(Locale.ROOT) : "";
            switch (scheme) {
                case "" -> { }
                case "stun", "stuns" -> stunUrls.add(u);
                case "turn", "turns" -> turnUrls.add(u);
                default -> LOG.warning(() -> "openvisit.rooms.ice-servers: '" + u
                        + "' is not a stun:, turn: or turns: address; it is not given to browsers.");
            }
        }
        if (retiredStaticCredential.isPresent()) {
            LOG.warning("openvisit.rooms.turn-username / turn-credential are no longer used: a fixed TURN password "
                    + "would be readable in every visit page. Set openvisit.rooms.turn.secret to the TURN server's "
                    + "shared secret (coturn: use-auth-secret, static-auth-secret) instead.");
        }
        if (!turnUrls.isEmpty() && turnSecret.filter(s -> !s.isBlank()).isEmpty()) {
            LOG.warning("openvisit.rooms.ice-servers names TURN servers but openvisit.rooms.turn.secret is not set: "
                    + "the TURN servers are not given to browsers.");
            turnUrls.clear();
        }
        if (!turnUrls.isEmpty()) {
            Duration lifetime;
            try {
                lifetime = Duration.parse(turnLifetime);
            } catch (RuntimeException e) {
                throw new IllegalStateException("openvisit.rooms.turn.credential-lifetime must be a duration such as "
                        + "PT8H, not '" + turnLifetime + "'", e);
            }
            credentials = new TurnCredentials(turnSecret.get().strip(), lifetime);
            turnUrls.sort(Comparator.comparingInt(IceServers::transportRank));
        }
        stun = List.copyOf(stunUrls);
        turn = List.copyOf(turnUrls);
    }

    /** UDP relays first, then TCP, then TLS: the order in which a network is most likely to carry good video. */
    static int transportRank(String turnUrl) {
        String u = turnUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("turns:")) {
            return 2;
        }
        return u.contains("transport=tcp") ? 1 : 0;
    }

    /** Whether browsers are offered a TURN relay (the lobby's device test then checks it). */
    boolean relayOffered() {
        return !turn.isEmpty();
    }

    /** As an {@code RTCConfiguration.iceServers} array, with a new TURN credential on each call. */
    JsonArrayBuilder asJson() {
        JsonArrayBuilder servers = Jsons.createArrayBuilder();
        if (!stun.isEmpty()) {
            servers.add(Jsons.createObjectBuilder().add("urls", array(stun)));
        }
        if (!turn.isEmpty()) {
            TurnCredentials.Credential c = credentials.mint(clock.instant());
            JsonObjectBuilder relay = Jsons.createObjectBuilder().add("urls", array(turn))
                    .add("username", c.username()).add("credential", c.password());
            servers.add(relay);
        }
        return servers;
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = Jsons.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
