package org.openvisit.sandbox.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque bearer access tokens and refresh tokens, and the grants behind them. */
public class AccessTokens {

    /** An access token as handed out. */
    public record Issued(String value, Instant expiresAt) {
    }

    private record Active(Grant grant, Instant expiresAt, String fromCode) {
    }

    private final Map<String, Active> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private final TokenLifetimes lifetimes;

    public AccessTokens(Clock clock, TokenLifetimes lifetimes) {
        this.clock = clock;
        this.lifetimes = lifetimes;
    }

    /** Issues an access token; {@code fromCode} (may be null) links it to the code it was exchanged for. */
    public Issued issue(Grant grant, String fromCode) {
        String value = RandomTokens.next();
        Instant expiresAt = clock.instant().plus(lifetimes.accessToken());
        accessTokens.put(value, new Active(grant, expiresAt, fromCode));
        return new Issued(value, expiresAt);
    }

    public String issueRefreshToken(Grant grant) {
        String value = RandomTokens.next();
        refreshTokens.put(value, grant);
        return value;
    }

    /** The grant of a valid (known, unexpired) access token. */
    public Optional<Grant> find(String accessToken) {
        Active active = accessToken == null ? null : accessTokens.get(accessToken);
        if (active == null) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(active.expiresAt())) {
            accessTokens.remove(accessToken);
            return Optional.empty();
        }
        return Optional.of(active.grant());
    }

    public Optional<Grant> findRefreshToken(String refreshToken) {
        return refreshToken == null ? Optional.empty() : Optional.ofNullable(refreshTokens.get(refreshToken));
    }

    /** Revokes the access tokens (and their refresh tokens' grants) issued for a code; returns how many. */
    int revokeIssuedFor(String code) {
        var revoked = accessTokens.entrySet().stream().filter(e -> code.equals(e.getValue().fromCode())).toList();
        revoked.forEach(e -> {
            accessTokens.remove(e.getKey());
            refreshTokens.values().removeIf(grant -> grant == e.getValue().grant());
        });
        return revoked.size();
    }
}
