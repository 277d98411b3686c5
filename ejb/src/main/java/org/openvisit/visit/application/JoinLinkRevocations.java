package org.openvisit.visit.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.visit.domain.model.RevokedJoinLink;
import org.openvisit.visit.domain.model.RevokedJoinLinkRepository;

import java.time.Clock;
import java.util.UUID;

/**
 * Join links of people removed from a visit: revoked on every node, so the same link in a fresh browser does not
 * come back as a new waiting patient. Kept with the visit, in its region's store (a link's row names its visit), until
 * the link could not be valid any more, then swept.
 */
@Stateless
public class JoinLinkRevocations {

    @EJB
    private RegionDirectory regions;

    private final Clock clock = Clock.systemUTC();

    public void revoke(UUID visitId, String linkId) {
        var now = clock.instant();
        RevokedJoinLinkRepository revoked = regions.ofVisit(visitId).revokedJoinLinks();
        revoked.forgetExpired(now.minus(JoinLinks.MAX_LIFETIME));
        revoked.revoke(new RevokedJoinLink(linkId, visitId, now.plus(JoinLinks.MAX_LIFETIME)));
    }

    /**
     * Whether the link to the visit was revoked.
     *
     * @throws org.openvisit.region.application.RegionUnavailableException the visit's store cannot be used now
     */
    public boolean isRevoked(UUID visitId, String linkId) {
        return linkId != null && regions.ofVisit(visitId).revokedJoinLinks().isRevoked(linkId);
    }
}
