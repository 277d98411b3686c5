package org.openvisit.sandbox.oauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The opaque {@code launch} values of EHR launches and the contexts behind them (valid for a few minutes). */
public class LaunchContexts {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private final Map<String, LaunchContext.Pending> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public LaunchContexts(Clock clock) {
        this.clock = clock;
    }

    public String open(LaunchContext context, String clientId) {
        String id = RandomTokens.next();
        byId.put(id, new LaunchContext.Pending(context, clientId, clock.instant().plus(LIFETIME)));
        return id;
    }

    /** The context of an unexpired launch for that client. */
    public Optional<LaunchContext> find(String launchId, String clientId) {
        LaunchContext.Pending pending = launchId == null ? null : byId.get(launchId);
        if (pending == null || !pending.clientId().equals(clientId) || clock.instant().isAfter(pending.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(pending.context());
    }
}
