package org.openvisit.identity.domain.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A built-in portal account. An operator belongs to no organization; everyone else belongs to
 * exactly one. The password is only ever seen here as a hash made by the application's
 * password hasher.
 */
@Entity
@Table(name = "portal_account")
@NamedQuery(name = PortalAccount.BY_USERNAME_KEY, query = "select a from PortalAccount a where a.usernameKey = :key")
@NamedQuery(name = PortalAccount.COUNT, query = "select count(a) from PortalAccount a")
public class PortalAccount {

    public static final String BY_USERNAME_KEY = "PortalAccount.byUsernameKey";
    public static final String COUNT = "PortalAccount.count";
    public static final int MAX_DISPLAY_NAME = 120;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "username", length = PortalUsername.MAX_LENGTH * 2, nullable = false)
    private String username;

    @Column(name = "username_key", length = PortalUsername.MAX_LENGTH * 2, nullable = false, unique = true)
    private String usernameKey;

    @Column(name = "display_name", length = MAX_DISPLAY_NAME * 2, nullable = false)
    private String displayName;

    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portal_account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 32, nullable = false)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Column(name = "password_hash", length = 512, nullable = false)
    private String passwordHash;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected PortalAccount() {
        // for JPA
    }

    private PortalAccount(PortalUsername username, String displayName, UUID organizationId, Set<Role> roles,
                          String passwordHash, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.username = username.value();
        this.usernameKey = username.key();
        this.displayName = checkedDisplayName(displayName, username);
        this.organizationId = organizationId == null ? null : organizationId.toString();
        this.roles = checkedRoles(roles, organizationId);
        this.passwordHash = checkedHash(passwordHash);
        this.enabled = true;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** An operator of the installation: belongs to no organization. */
    public static PortalAccount operator(PortalUsername username, String displayName, String passwordHash, Instant at) {
        return new PortalAccount(username, displayName, null, Set.of(Role.OPERATOR), passwordHash, at);
    }

    /** A member of one organization with one or more organization roles. */
    public static PortalAccount member(PortalUsername username, String displayName, UUID organizationId,
                                       Set<Role> roles, String passwordHash, Instant at) {
        if (organizationId == null) {
            throw new InvalidAccountException("organizationId", "Choose the organization this user belongs to.");
        }
        return new PortalAccount(username, displayName, organizationId, roles, passwordHash, at);
    }

    private static String checkedDisplayName(String displayName, PortalUsername username) {
        String name = displayName == null || displayName.isBlank() ? username.value() : displayName.strip();
        if (name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidAccountException("displayName",
                    "The display name must be at most " + MAX_DISPLAY_NAME + " characters, without control characters.");
        }
        return name;
    }

    private static Set<Role> checkedRoles(Set<Role> roles, UUID organizationId) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidAccountException("roles", "Give the user at least one role.");
        }
        if (roles.contains(Role.OPERATOR) && organizationId != null) {
            throw new InvalidAccountException("roles", "An operator runs the installation and belongs to no organization.");
        }
        if (organizationId == null && roles.stream().anyMatch(Role::isOrganizationRole)) {
            throw new InvalidAccountException("organizationId", "Organization roles need the user's organization.");
        }
        return EnumSet.copyOf(roles);
    }

    private static String checkedHash(String hash) {
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("A password hash is required.");
        }
        return hash;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = checkedHash(newHash);
    }

    public void changeRoles(Set<Role> newRoles) {
        this.roles = checkedRoles(newRoles, organizationId());
    }

    public void disable() {
        this.enabled = false;
    }

    public void enable() {
        this.enabled = true;
    }

    /** The actor this account acts as in the model. */
    public Actor toActor() {
        return new Actor(username, organizationId(), roles);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public PortalUsername username() {
        return new PortalUsername(username);
    }

    public String displayName() {
        return displayName;
    }

    public UUID organizationId() {
        return organizationId == null ? null : UUID.fromString(organizationId);
    }

    public Optional<UUID> organization() {
        return Optional.ofNullable(organizationId());
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
