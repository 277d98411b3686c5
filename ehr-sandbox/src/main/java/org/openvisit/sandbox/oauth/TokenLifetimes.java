package org.openvisit.sandbox.oauth;

import java.time.Duration;

/** How long codes and access tokens live; tests shorten them through the admin API. */
public class TokenLifetimes {

    private volatile Duration authorizationCode = Duration.ofSeconds(60);
    private volatile Duration accessToken = Duration.ofHours(1);

    public Duration authorizationCode() {
        return authorizationCode;
    }

    public Duration accessToken() {
        return accessToken;
    }

    public void set(Duration authorizationCode, Duration accessToken) {
        if (authorizationCode.isNegative() || authorizationCode.isZero() || accessToken.isNegative() || accessToken.isZero()) {
            throw new IllegalArgumentException("lifetimes must be positive");
        }
        this.authorizationCode = authorizationCode;
        this.accessToken = accessToken;
    }
}
