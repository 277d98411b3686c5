package org.openvisit.tenant.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.TeamsSettings;
import org.openvisit.tenant.domain.model.TeamsSettingsRepository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The organizations' Microsoft Graph subscriptions to call records, as the global store keeps them (Graph's subscription
 * id, a SHA-256 of the clientState, the expiry, the last failure): which are due to be made or renewed, what Graph
 * answered, and which organization a notification's subscription and clientState belong to.
 */
@Stateless
public class TeamsCallSubscriptionStore {

    /** What is due for an organization: a new subscription, or the renewal of this one. */
    public record Due(UUID organizationId, String subscriptionId) {
    }

    @Inject
    private TeamsSettingsRepository settings;

    @Inject
    private OrganizationRepository organizations;

    /**
     * The organizations on Teams whose subscription is missing or expires before {@code now + renewBefore}, leaving out
     * those whose last attempt failed less than {@code retryAfterFailure} ago.
     */
    public List<Due> due(Instant now, Duration renewBefore, Duration retryAfterFailure) {
        return settings.withCredential().stream()
                .filter(id -> organizations.find(id).map(Organization::meetingPlatform)
                        .filter(TeamsSettingsService.TEAMS::equals).isPresent())
                .flatMap(id -> settings.find(id).stream())
                .filter(s -> s.callSubscriptionFailure().isEmpty() || s.callSubscriptionCheckedAt()
                        .map(at -> !at.plus(retryAfterFailure).isAfter(now)).orElse(true))
                .filter(s -> s.callSubscriptionId().isEmpty() || s.callSubscriptionExpiresAt()
                        .map(at -> at.isBefore(now.plus(renewBefore))).orElse(true))
                .map(s -> new Due(s.organizationId(), s.callSubscriptionId().orElse(null)))
                .toList();
    }

    /**
     * This node makes or renews the organization's subscription now, unless another node took it less than
     * {@code lease} ago (the row is locked meanwhile, so two nodes never both make one).
     */
    public boolean claim(UUID organizationId, Instant now, Duration lease) {
        return settings.findForUpdate(organizationId).map(s -> s.claimCallRecordsSubscription(now, lease))
                .orElse(false);
    }

    /** Graph made or renewed the subscription. */
    public void subscribed(UUID organizationId, String subscriptionId, String clientState, Instant expiresAt,
                           Instant now) {
        settings.find(organizationId).ifPresent(s -> {
            if (clientState == null) {
                s.callRecordsRenewed(expiresAt, now);
            } else {
                s.callRecordsSubscribed(subscriptionId, sha256(clientState), expiresAt, now);
            }
        });
    }

    /** Graph no longer knows the subscription: the next check makes a new one. */
    public void forget(UUID organizationId) {
        settings.find(organizationId).ifPresent(TeamsSettings::forgetCallRecordsSubscription);
    }

    /** Making or renewing the subscription failed ({@code failure}: a GraphFailure kind's name). */
    public void failed(UUID organizationId, String failure, String error, Instant now) {
        settings.find(organizationId).ifPresent(s -> s.callRecordsSubscriptionFailed(failure, error, now));
    }

    /**
     * The organization a change notification is for: the one whose subscription has Graph's {@code subscriptionId}
     * and whose clientState it carries; empty for an unknown subscription or another clientState.
     */
    public Optional<UUID> organizationOf(String subscriptionId, String clientState) {
        if (subscriptionId == null || clientState == null || subscriptionId.length() > 100 || clientState.length() > 255) {
            return Optional.empty();
        }
        String hash = sha256(clientState);
        return settings.findByCallSubscription(subscriptionId).filter(s -> s.acceptsClientState(hash))
                .map(TeamsSettings::organizationId);
    }

    /** The organization's subscription as the Teams page shows it. */
    public Optional<CallSubscriptionView> view(UUID organizationId) {
        return settings.find(organizationId).map(s -> new CallSubscriptionView(s.callSubscriptionId().isPresent(),
                s.callSubscriptionExpiresAt().orElse(null), s.callSubscriptionFailure().orElse(null),
                s.callSubscriptionError().orElse(null), s.callSubscriptionCheckedAt().orElse(null)));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
