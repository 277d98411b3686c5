package org.openvisit.tenant.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.audit.application.AuditTrail;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.secrets.MasterKey;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.ContextLinkKey;
import org.openvisit.tenant.domain.model.ContextLinkKeyRepository;
import org.openvisit.tenant.domain.model.Role;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The keys EHRs encrypt context links with, one in use per endpoint. Generating a new one retires
 * the old one at once (rotation). The key's value is returned once, at generation, and otherwise
 * kept only sealed under the master key, bound to its endpoint.
 */
@Stateless
public class ContextLinkKeyService {

    private static final String PURPOSE = "context-link-key:";
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    private EndpointService endpoints;

    @Inject
    private ContextLinkKeyRepository keys;

    @Inject
    private MasterKey masterKey;

    @EJB
    private AuditTrail trail;

    private final Clock clock = Clock.systemUTC();

    /** Generates the endpoint's new key (retiring the one in use). Only the organization's administrator may. */
    public NewContextLinkKey generate(@NotNull Actor actor, @NotNull UUID endpointId) {
        EndpointView endpoint = endpoints.find(actor, endpointId);
        if (!actor.hasRoleIn(Role.ORG_ADMIN, endpoint.organizationId())) {
            throw new ForbiddenException("Only an administrator (ORG_ADMIN) of the organization may generate the "
                    + "endpoint's context-link key.").worded("contextLink.keyForbidden");
        }
        var now = clock.instant();
        keys.activeFor(endpointId).ifPresent(old -> old.retire(now));
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String keyId = "ov-" + HexFormat.of().formatHex(id);
        keys.add(new ContextLinkKey(endpointId, keyId, masterKey.sealer().seal(PURPOSE + endpointId, key),
                actor.username(), now));
        trail.recordAfterGlobalChange(AuditFact.of(AuditKind.KEY_GENERATED, AuditActor.portalUser(actor.username()))
                .withOrganization(endpoint.organizationId()).withEndpoint(endpointId)
                .withDetail("context-link key " + keyId));
        return new NewContextLinkKey(keyId, Base64.getEncoder().encodeToString(key), now);
    }

    /** The key in use for the endpoint, without its value. */
    public Optional<ContextLinkKeyInfo> current(@NotNull Actor actor, @NotNull UUID endpointId) {
        endpoints.find(actor, endpointId); // the same tenant rules as the endpoint itself
        return keys.activeFor(endpointId).map(k -> new ContextLinkKeyInfo(k.keyId(), k.createdAt(), k.createdBy()));
    }

    /** For opening a context link: the value of an active key and its endpoint; empty when unknown or retired. */
    public Optional<OpenedKey> openActive(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            return Optional.empty();
        }
        return keys.findByKeyId(keyId).filter(ContextLinkKey::isActive)
                .map(k -> new OpenedKey(k.endpointId(), masterKey.sealer().unseal(PURPOSE + k.endpointId(), k.sealedKey())));
    }

    /** An opened key, bound to the endpoint it belongs to. */
    public record OpenedKey(UUID endpointId, byte[] key) {
    }
}
