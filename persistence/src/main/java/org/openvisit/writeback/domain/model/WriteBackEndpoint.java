package org.openvisit.writeback.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * An endpoint's write-back settings: the adapter that speaks to its EHR, the backend client id the
 * EHR registered for OpenVisit (none: the installation's default), and OpenVisit's own key pair for
 * SMART Backend Services there, and how many calls at once the EHR takes from each node if the
 * organization limited that. The private key is stored only sealed under the master key; the
 * public key is the JWK published at {@code /.well-known/jwks.json}.
 */
@Entity
@Table(name = "writeback_endpoint")
@NamedQuery(name = WriteBackEndpoint.ALL, query = "select w from WriteBackEndpoint w order by w.createdAt, w.keyId")
public class WriteBackEndpoint {

    public static final String ALL = "WriteBackEndpoint.all";
    public static final int MAX_CLIENT_ID_LENGTH = 255;
    public static final int MAX_CALL_LIMIT = 64;

    @Id
    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Enumerated(EnumType.STRING)
    @Column(name = "adapter", length = 32, nullable = false)
    private WriteBackAdapter adapter;

    @Column(name = "client_id", length = MAX_CLIENT_ID_LENGTH)
    private String clientId;

    @Column(name = "call_limit")
    private Integer callLimit;

    @Column(name = "key_id", length = 64, nullable = false, updatable = false)
    private String keyId;

    @Column(name = "key_algorithm", length = 8, nullable = false, updatable = false)
    private String keyAlgorithm;

    @Column(name = "public_jwk", length = 4000, nullable = false, updatable = false)
    private String publicJwk;

    @Column(name = "sealed_private_key", length = 8000, nullable = false, updatable = false)
    private String sealedPrivateKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected WriteBackEndpoint() {
        // for JPA
    }

    /** An endpoint's settings with its new key pair, on the default adapter (FHIR). */
    public WriteBackEndpoint(UUID endpointId, String keyId, String keyAlgorithm, String publicJwk,
                             String sealedPrivateKey, Instant at) {
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId").toString();
        this.adapter = WriteBackAdapter.FHIR;
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        if (!"RS384".equals(keyAlgorithm) && !"ES384".equals(keyAlgorithm)) {
            throw new IllegalArgumentException("Backend keys are RS384 or ES384.");
        }
        this.keyAlgorithm = keyAlgorithm;
        this.publicJwk = Objects.requireNonNull(publicJwk, "publicJwk");
        this.sealedPrivateKey = Objects.requireNonNull(sealedPrivateKey, "sealedPrivateKey");
        this.createdAt = Objects.requireNonNull(at, "at");
    }

    public void useAdapter(WriteBackAdapter adapter) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
    }

    /** The client id the EHR gave OpenVisit's backend client; blank means the installation's default. */
    public void useClientId(String clientId) {
        String c = clientId == null ? null : clientId.strip();
        if (c != null && (c.length() > MAX_CLIENT_ID_LENGTH || c.codePoints().anyMatch(Character::isISOControl))) {
            throw new InvalidValueException("clientId", "A client id is at most " + MAX_CLIENT_ID_LENGTH
                    + " printable characters.").worded("writeBack.clientId", MAX_CLIENT_ID_LENGTH);
        }
        this.clientId = c == null || c.isEmpty() ? null : c;
    }

    /**
     * At most this many calls at once from each OpenVisit node to this EHR (null: the installation's
     * limit per endpoint). It can only lower that limit: a node never gives one EHR more of its slots.
     */
    public void limitCalls(Integer callsAtOnce) {
        if (callsAtOnce != null && (callsAtOnce < 1 || callsAtOnce > MAX_CALL_LIMIT)) {
            throw new InvalidValueException("callLimit", "Calls at once to one EHR are 1 to " + MAX_CALL_LIMIT
                    + ", or none for the installation's limit.").worded("writeBack.callLimit", MAX_CALL_LIMIT);
        }
        this.callLimit = callsAtOnce;
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public WriteBackAdapter adapter() {
        return adapter;
    }

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /** The organization's limit of calls at once from each node, if it set one. */
    public OptionalInt callLimit() {
        return callLimit == null ? OptionalInt.empty() : OptionalInt.of(callLimit);
    }

    public String keyId() {
        return keyId;
    }

    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public String publicJwk() {
        return publicJwk;
    }

    public String sealedPrivateKey() {
        return sealedPrivateKey;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
