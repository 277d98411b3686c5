package org.openvisit.sandbox.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One-time authorization codes. A code is redeemed once; a second attempt is refused and also
 * revokes the tokens issued for the first (RFC 6749 section 4.1.2).
 */
public class AuthorizationCodes {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodes.class.getName());

    private record Issued(Grant grant, Instant expiresAt) {
    }

    private final Map<String, Issued> unused = new ConcurrentHashMap<>();
    private final Map<String, Boolean> redeemed = new ConcurrentHashMap<>();
    private final Clock clock;
    private final TokenLifetimes lifetimes;
    private final AccessTokens tokens;

    public AuthorizationCodes(Clock clock, TokenLifetimes lifetimes, AccessTokens tokens) {
        this.clock = clock;
        this.lifetimes = lifetimes;
        this.tokens = tokens;
    }

    public String issue(Grant grant) {
        String code = RandomTokens.next();
        unused.put(code, new Issued(grant, clock.instant().plus(lifetimes.authorizationCode())));
        return code;
    }

    /**
     * Takes the code out of circulation and returns its grant.
     *
     * @throws OAuthException invalid_grant if the code is unknown, expired or used before
     */
    public Grant redeem(String code) {
        if (code == null || code.isBlank()) {
            throw OAuthException.invalidRequest("code is required");
        }
        Issued issued = unused.remove(code);
        if (issued == null) {
            if (redeemed.containsKey(code)) {
                int revoked = tokens.revokeIssuedFor(code);
                LOG.warning(() -> "authorization code reused; " + revoked + " token(s) issued for it revoked");
                throw OAuthException.invalidGrant("authorization code was already used");
            }
            throw OAuthException.invalidGrant("unknown authorization code");
        }
        redeemed.put(code, Boolean.TRUE);
        if (clock.instant().isAfter(issued.expiresAt())) {
            throw OAuthException.invalidGrant("authorization code expired");
        }
        return issued.grant();
    }
}
