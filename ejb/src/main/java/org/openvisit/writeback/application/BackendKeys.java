package org.openvisit.writeback.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.secrets.MasterKey;
import org.openvisit.writeback.domain.model.WriteBackEndpoint;
import org.openvisit.writeback.domain.model.WriteBackEndpointRepository;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * OpenVisit's key pairs for SMART Backend Services: one per endpoint (ES384 by default, RS384 on
 * request), made the first time the endpoint needs one. The private key is kept only sealed under the
 * master key (bound to the endpoint id) and opened for signing; the public keys are the JWKS.
 */
@Stateless
public class BackendKeys {

    private static final Logger LOG = Logger.getLogger(BackendKeys.class.getName());
    private static final String PURPOSE = "writeback-backend-key:";
    private static final Object CREATING = new Object();

    @Inject
    private WriteBackEndpointRepository repository;

    @Inject
    private MasterKey masterKey;

    @Inject
    private WriteBackSettings settings;

    @Resource
    private SessionContext context;

    @jakarta.ejb.EJB
    private org.openvisit.audit.application.AuditTrail trail;

    @Inject
    private org.openvisit.tenant.domain.model.FhirEndpointRepository endpoints;

    private final Clock clock = Clock.systemUTC();

    /** The endpoint's write-back settings, with a new key pair the first time. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public WriteBackEndpoint settingsFor(UUID endpointId) {
        var found = repository.find(endpointId);
        if (found.isPresent()) {
            return found.get();
        }
        synchronized (CREATING) {
            try {
                context.getBusinessObject(BackendKeys.class).create(endpointId);
            } catch (EJBException e) {
                // another node made it at the same moment: use that one
            }
        }
        return context.getBusinessObject(BackendKeys.class).reread(endpointId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public WriteBackEndpoint reread(UUID endpointId) {
        return repository.find(endpointId).orElseThrow(() -> new IllegalStateException(
                "The write-back key of the endpoint could not be stored."));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(UUID endpointId) {
        if (repository.find(endpointId).isPresent()) {
            return;
        }
        String kid = "ov-wb-" + UUID.randomUUID();
        JWK key = generate(kid, settings.keyAlgorithm());
        String sealed = masterKey.sealer().seal(PURPOSE + endpointId,
                key.toJSONString().getBytes(StandardCharsets.UTF_8));
        repository.add(new WriteBackEndpoint(endpointId, kid, settings.keyAlgorithm(),
                key.toPublicJWK().toJSONString(), sealed, clock.instant()));
        LOG.info(() -> "Made the write-back key " + kid + " (" + settings.keyAlgorithm() + ") of endpoint " + endpointId);
        endpoints.find(endpointId).ifPresent(e -> trail.recordAfterGlobalChange(
                org.openvisit.audit.domain.model.AuditFact.of(org.openvisit.audit.domain.model.AuditKind.KEY_GENERATED,
                                org.openvisit.audit.domain.model.AuditActor.system())
                        .withOrganization(e.organizationId()).withEndpoint(endpointId)
                        .withDetail("write-back key " + kid + " (" + settings.keyAlgorithm() + ")")));
    }

    static JWK generate(String kid, String algorithm) {
        try {
            return "RS384".equals(algorithm)
                    ? new RSAKeyGenerator(3072).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS384).generate()
                    : new ECKeyGenerator(Curve.P_384).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("No " + algorithm + " key could be made: " + e.getMessage(), e);
        }
    }

    /** The endpoint's private signing key, opened from its seal (never logged, never kept here). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public JWK signingKey(UUID endpointId) {
        WriteBackEndpoint wb = settingsFor(endpointId);
        byte[] json = masterKey.sealer().unseal(PURPOSE + endpointId, wb.sealedPrivateKey());
        try {
            return JWK.parse(new String(json, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("The stored write-back key of endpoint " + endpointId + " is damaged.");
        }
    }

    /** The JWKS document (JSON): every endpoint's public key, nothing private. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String jwks() {
        List<JWK> keys = repository.all().stream().map(w -> {
            try {
                return JWK.parse(w.publicJwk()).toPublicJWK();
            } catch (ParseException e) {
                throw new IllegalStateException("A stored public key is damaged: " + w.keyId());
            }
        }).toList();
        return new JWKSet(keys).toString(true);
    }
}
