package org.openvisit.report.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A reports bearer token OpenVisit issued for an organization's service account: its id (the JWT's {@code jti}),
 * name, organization, groups and expiry, and whether it was revoked. The token itself is never stored.
 */
@Entity
@Table(name = "report_token")
public class ReportToken {

    public static final int MAX_NAME = 100;
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "name", length = MAX_NAME, nullable = false, updatable = false)
    private String name;

    @Column(name = "roles", length = 200, nullable = false, updatable = false)
    private String roles;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked", nullable = false)
    private boolean revoked;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ReportToken() {
        // for JPA
    }

    /**
     * @throws InvalidValueException {@code name} blank or longer than {@value #MAX_NAME}, {@code lifetime} not
     *                               between a minute and {@link #MAX_LIFETIME}
     */
    public ReportToken(UUID id, UUID organizationId, String name, List<String> roles, Instant createdAt,
                       Duration lifetime) {
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("name", "Give the token a name (what reads with it).")
                    .worded("reportToken.nameRequired");
        }
        if (name.strip().length() > MAX_NAME) {
            throw new InvalidValueException("name", "A token's name has at most " + MAX_NAME + " characters.")
                    .worded("reportToken.nameLength", MAX_NAME);
        }
        if (lifetime == null || lifetime.compareTo(Duration.ofMinutes(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new InvalidValueException("lifetimeDays", "A token lives from one day to "
                    + MAX_LIFETIME.toDays() + " days.").worded("reportToken.lifetime", MAX_LIFETIME.toDays());
        }
        this.id = Objects.requireNonNull(id, "id").toString();
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
        this.name = name.strip();
        this.roles = String.join(",", roles);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = createdAt.plus(lifetime);
    }

    /** @throws ConflictException the token was revoked already */
    public void revoke(Instant at) {
        if (revoked) {
            throw new ConflictException("This token was revoked already.").worded("reportToken.revokedAlready");
        }
        revoked = true;
        revokedAt = Objects.requireNonNull(at, "at");
    }

    /** Whether a request carrying this token may be served at {@code at}. */
    public boolean usableAt(Instant at) {
        return !revoked && at.isBefore(expiresAt);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public String name() {
        return name;
    }

    public List<String> roles() {
        return roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean revoked() {
        return revoked;
    }

    public java.util.Optional<Instant> revokedAt() {
        return java.util.Optional.ofNullable(revokedAt);
    }
}
