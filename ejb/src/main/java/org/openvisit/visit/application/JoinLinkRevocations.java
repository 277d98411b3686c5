package org.openvisit.visit.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.openvisit.visit.domain.model.RevokedJoinLink;
import org.openvisit.visit.domain.model.RevokedJoinLinkRepository;

import java.time.Clock;
import java.util.UUID;

/**
 * Join links of people removed from a visit: revoked on every node, so the same link in a fresh browser does not
 * come back as a new waiting patient. Kept until the link could not be valid any more, then swept.
 */
@Stateless
public class JoinLinkRevocations {

    @Inject
    private RevokedJoinLinkRepository revoked;

    private final Clock clock = Clock.systemUTC();

    public void revoke(UUID visitId, String linkId) {
        var now = clock.instant();
        revoked.forgetExpired(now.minus(JoinLinks.MAX_LIFETIME));
        revoked.revoke(new RevokedJoinLink(linkId, visitId, now.plus(JoinLinks.MAX_LIFETIME)));
    }

    public boolean isRevoked(String linkId) {
        return revoked.isRevoked(linkId);
    }
}
