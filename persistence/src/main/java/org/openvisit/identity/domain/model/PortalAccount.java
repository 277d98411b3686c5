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
import java.util.HashSet;
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

    /** The TOTP secret sealed under the installation's master key; {@code null} without a second factor. */
    @Column(name = "totp_secret", length = 200)
    private String totpSecret;

    /** The 30-second step of the last code accepted: a code of that step or an earlier one is never accepted again. */
    @Column(name = "totp_last_step")
    private Long totpLastStep;

    @Column(name = "totp_enrolled_at")
    private Instant totpEnrolledAt;

    /** Hashes of the unused one-time recovery codes of the second factor. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "portal_account_recovery_code", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "code_hash", length = 64, nullable = false)
    private Set<String> recoveryCodeHashes = new HashSet<>();

    /** Set by an administrator's password reset: the person changes the one-time password before anything else. */
    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    /** The tag of the language the person chose with the switcher ({@code null}: the browser's). */
    @Column(name = "language", length = 16)
    private String language;

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

    /** The person's own new password: a one-time password of a reset is gone with it. */
    public void changePasswordHash(String newHash) {
        this.passwordHash = checkedHash(newHash);
        this.mustChangePassword = false;
    }

    /**
     * An administrator reset the password to a one-time password (only its hash comes here): the person must change it
     * at their next sign-in before any other page opens.
     */
    public void resetPassword(String oneTimeHash) {
        this.passwordHash = checkedHash(oneTimeHash);
        this.mustChangePassword = true;
    }

    /** Whether the password is a one-time password of a reset, to be changed before anything else. */
    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** Remembers the language the person chose ({@code null}: the browser's again). */
    public void chooseLanguage(org.openvisit.shared.domain.model.Language chosen) {
        this.language = chosen == null ? null : chosen.tag();
    }

    public Optional<org.openvisit.shared.domain.model.Language> language() {
        return org.openvisit.shared.domain.model.Language.ofTag(language);
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

    /** Whether this account may have a second factor: operators and organization administrators. */
    public boolean maySetUpSecondFactor() {
        return roles.contains(Role.OPERATOR) || roles.contains(Role.ORG_ADMIN);
    }

    /**
     * Turns the second factor on, after the person typed a code of the new secret (the step of that code counts as
     * used). Refused for other roles and when a second factor is on already (turn it off first).
     *
     * @param sealedSecret the TOTP secret sealed under the installation's master key
     * @param recoveryHashes hashes of the new one-time recovery codes
     */
    public void enrolSecondFactor(String sealedSecret, long confirmedStep, Set<String> recoveryHashes, Instant at) {
        if (!maySetUpSecondFactor()) {
            throw new InvalidAccountException("secondFactor",
                    "Only operators and organization administrators have a second factor.");
        }
        if (hasSecondFactor()) {
            throw new InvalidAccountException("secondFactor", "The second factor is on already; turn it off first.");
        }
        if (sealedSecret == null || sealedSecret.isBlank() || recoveryHashes == null
                || recoveryHashes.stream().anyMatch(h -> h == null || h.isBlank() || h.length() > 64)) {
            throw new IllegalArgumentException("A sealed secret and recovery code hashes are required.");
        }
        this.totpSecret = sealedSecret;
        this.totpLastStep = confirmedStep;
        this.totpEnrolledAt = Objects.requireNonNull(at, "at");
        this.recoveryCodeHashes.clear();
        this.recoveryCodeHashes.addAll(recoveryHashes);
    }

    public boolean hasSecondFactor() {
        return totpSecret != null;
    }

    /** The sealed TOTP secret, when the second factor is on. */
    public Optional<String> sealedTotpSecret() {
        return Optional.ofNullable(totpSecret);
    }

    /**
     * Takes a code's step as used, when it is later than the last step used: a code (or an earlier one) accepted once
     * is refused after, even within its 90 seconds. Answers whether the step was new.
     */
    public boolean useTotpStep(long step) {
        if (!hasSecondFactor() || (totpLastStep != null && step <= totpLastStep)) {
            return false;
        }
        totpLastStep = step;
        return true;
    }

    /** Crosses out the recovery code with this hash; answers whether it was there (each works once). */
    public boolean useRecoveryCode(String codeHash) {
        return hasSecondFactor() && recoveryCodeHashes.remove(codeHash);
    }

    public int recoveryCodesLeft() {
        return recoveryCodeHashes.size();
    }

    public Optional<Instant> secondFactorSince() {
        return Optional.ofNullable(totpEnrolledAt);
    }

    /** Turns the second factor off (by the person, or reset by an operator): secret, last step and recovery codes go. */
    public void removeSecondFactor() {
        totpSecret = null;
        totpLastStep = null;
        totpEnrolledAt = null;
        recoveryCodeHashes.clear();
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
