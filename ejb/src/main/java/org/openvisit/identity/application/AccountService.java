package org.openvisit.identity.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.identity.domain.model.AccountRepository;
import org.openvisit.identity.domain.model.InvalidAccountException;
import org.openvisit.identity.domain.model.PortalAccount;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Signs users in with built-in accounts, creates accounts and lists an organization's accounts. */
@Stateless
public class AccountService {

    public static final int MAX_PAGE_SIZE = 200;

    private static final PasswordHasher HASHER = new PasswordHasher();

    @Inject
    private AccountRepository accounts;

    @Inject
    private OrganizationRepository organizations;

    @jakarta.ejb.EJB
    private org.openvisit.audit.application.AuditTrail trail;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** accounts (built-in sign-in) or oidc (the identity provider; passwords then optional for new accounts). */
    @Inject
    @ConfigProperty(name = "openvisit.portal.sign-in", defaultValue = "accounts")
    private String signInMode;

    private final Clock clock = Clock.systemUTC();

    /** The signed-in user when the name and password match an enabled account; empty otherwise, in the same time. */
    public Optional<SignedInUser> authenticate(String username, String password) {
        Optional<PortalAccount> account = username(username).flatMap(accounts::findByUsername);
        if (account.isEmpty()) {
            HASHER.matchNothing(password);
            return Optional.empty();
        }
        PortalAccount found = account.get();
        if (!HASHER.matches(password, found.passwordHash()) || !found.isEnabled()) {
            return Optional.empty();
        }
        return Optional.of(signedIn(found));
    }

    /** The current state of a signed-in user's account: roles can change, accounts can be disabled. */
    public Optional<SignedInUser> current(String username) {
        return username(username).flatMap(accounts::findByUsername).filter(PortalAccount::isEnabled).map(this::signedIn);
    }

    public boolean anyAccountExists() {
        return accounts.count() > 0;
    }

    /** Creates the installation's first operator; refused once any account exists. */
    public SignedInUser createFirstOperator(@NotNull String username, @NotNull String password) {
        if (anyAccountExists()) {
            throw new ForbiddenException("The first operator exists already.").worded("account.firstOperatorExists");
        }
        PortalUsername name = new PortalUsername(username);
        PasswordPolicy.check(username, password);
        PortalAccount operator = PortalAccount.operator(name, "Administrator", HASHER.hash(password), clock.instant());
        accounts.add(operator);
        return signedIn(operator);
    }

    /**
     * Creates a portal user. An operator may create anyone; an organization administrator only
     * members of their own organization, and never an operator.
     */
    public SignedInUser createAccount(@NotNull Actor actor, @NotNull @Valid NewAccount request) {
        boolean operator = actor.hasRole(Role.OPERATOR);
        if (!operator && !(actor.hasRole(Role.ORG_ADMIN) && actor.organizationId() != null
                && actor.organizationId().equals(request.organizationId())
                && !request.roles().contains(Role.OPERATOR))) {
            throw new ForbiddenException("You may only create users of your own organization.").worded("account.notYours");
        }
        PortalUsername name = newUsername(request.username());
        boolean externalOnly = request.password() == null || request.password().isBlank();
        if (externalOnly && !externalSignIn()) {
            throw new InvalidAccountException("password", "The password is required.").worded("password.required");
        }
        if (!externalOnly) {
            PasswordPolicy.check(request.username(), request.password());
        }
        if (accounts.findByUsername(name).isPresent()) {
            throw new DuplicateAccountException(name.value());
        }
        if (request.organizationId() != null && organizations.find(request.organizationId()).isEmpty()) {
            throw new InvalidAccountException("organizationId", "That organization does not exist.");
        }
        // an account that signs in only at the identity provider gets the hash of 256 random bits that
        // nobody ever sees: a password that cannot be typed, so the model needs no other kind of account
        String hash = HASHER.hash(externalOnly ? unusablePassword() : request.password());
        PortalAccount account = request.roles().contains(Role.OPERATOR)
                ? PortalAccount.operator(name, request.displayName(), hash, clock.instant())
                : PortalAccount.member(name, request.displayName(), request.organizationId(), request.roles(), hash,
                clock.instant());
        try {
            accounts.add(account);
        } catch (PersistenceException raceWithAnotherCreation) {
            throw new DuplicateAccountException(name.value());
        }
        return signedIn(account);
    }

    /**
     * A page of an organization's portal accounts, ordered by username. An operator may list any
     * organization's accounts (an unknown organization has none); an organization administrator only
     * their own organization's.
     */
    public AccountPage listMembers(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                   @NotNull(message = "{openvisit.organization.idRequired}") UUID organizationId,
                                   @Min(value = 0, message = "{openvisit.page.first}") int first,
                                   @Min(value = 1, message = "{openvisit.page.maxAtLeastOne}")
                                   @Max(value = MAX_PAGE_SIZE, message = "{openvisit.page.maxAtMost}") int max) {
        requireMayListMembers(actor, organizationId);
        return new AccountPage(accounts.findByOrganization(organizationId, first, max).stream()
                .map(AccountSummary::of).toList(), accounts.countByOrganization(organizationId), first, max);
    }

    /** One of an organization's accounts, for the same people who may list them. */
    public Optional<AccountSummary> findMember(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                               @NotNull(message = "{openvisit.organization.idRequired}") UUID organizationId,
                                               String username) {
        requireMayListMembers(actor, organizationId);
        return username(username).flatMap(accounts::findByUsername)
                .filter(account -> organizationId.equals(account.organizationId()))
                .map(AccountSummary::of);
    }

    private static void requireMayListMembers(Actor actor, UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an operator or an administrator (ORG_ADMIN) of the organization "
                    + "may list its users.").worded("account.listForbidden");
        }
    }

    /**
     * The signed-in user changes their own password; the current one must be given again, so an
     * unattended signed-in browser is not enough.
     */
    public void changeOwnPassword(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                  String currentPassword, String newPassword) {
        PortalAccount account = username(actor.username()).flatMap(accounts::findByUsername)
                .orElseThrow(() -> new ForbiddenException("Your account no longer exists.")
                        .worded("account.gone"));
        if (!HASHER.matches(currentPassword, account.passwordHash())) {
            throw new InvalidAccountException("currentPassword", "Your current password is not right.")
                    .worded("password.currentWrong");
        }
        PasswordPolicy.check(actor.username(), newPassword);
        if (HASHER.matches(newPassword, account.passwordHash())) {
            throw new InvalidAccountException("newPassword", "Choose a password different from the current one.")
                    .worded("password.sameAsCurrent");
        }
        account.changePasswordHash(HASHER.hash(newPassword));
    }

    /**
     * Stops or restarts an account. An operator may do it for anyone, an organization's administrator
     * for its members; nobody for themselves (so an installation cannot lock out its last operator by
     * accident). A stopped account's sessions end at its next request.
     */
    public AccountSummary setEnabled(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                     @NotNull String username, boolean enabled) {
        PortalAccount account = username(username).flatMap(accounts::findByUsername)
                .filter(a -> actor.hasRole(Role.OPERATOR) || (a.organizationId() != null
                        && actor.hasRoleIn(Role.ORG_ADMIN, a.organizationId())))
                .orElseThrow(() -> new InvalidAccountException("username", "There is no such user in your organization."));
        if (account.username().matches(actor.username())) {
            throw new ForbiddenException("You cannot stop or restart your own account.").worded("account.ownStop");
        }
        if (enabled) {
            account.enable();
        } else {
            account.disable();
        }
        return AccountSummary.of(account);
    }

    /**
     * Gives one of an organization's accounts new roles (organization roles only). An operator may do it for anyone,
     * the organization's administrators for its members; nobody for themselves (an administrator cannot lock the
     * organization out of its own administration by accident). Takes effect at the person's next request; audited.
     */
    public AccountSummary changeRoles(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                      @NotNull String username, java.util.Set<Role> roles) {
        PortalAccount account = managed(actor, username);
        if (account.username().matches(actor.username())) {
            throw new ForbiddenException("You cannot change your own roles; ask another administrator.")
                    .worded("account.ownRoles");
        }
        if (account.organizationId() == null || (roles != null && roles.contains(Role.OPERATOR))) {
            throw new InvalidAccountException("roles", "Only an organization's roles can be given here.")
                    .worded("account.organizationRolesOnly");
        }
        java.util.Set<Role> before = account.roles();
        account.changeRoles(roles);
        if (!before.equals(account.roles())) {
            trail.recordAfterGlobalChange(org.openvisit.audit.domain.model.AuditFact.of(
                            org.openvisit.audit.domain.model.AuditKind.ACCOUNT_CHANGED,
                            org.openvisit.audit.domain.model.AuditActor.portalUser(actor.username()))
                    .withOrganization(account.organizationId())
                    .withDetail("roles of " + account.username().value() + ": " + names(before) + " -> "
                            + names(account.roles())));
        }
        return AccountSummary.of(account);
    }

    /**
     * An administrator resets a person's password (a person who forgot it): a new one-time password, answered once and
     * never kept (only its hash), which the person must change at their next sign-in before any other page opens. An
     * operator may do it for anyone, an organization's administrators for its members; nobody for themselves (they
     * change their own on My account). Not with the identity provider's sign-in: there passwords live at the provider.
     * Audited (who reset whose password, never the password).
     */
    public PasswordReset resetPassword(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                       @NotNull String username) {
        if (externalSignIn()) {
            throw new ForbiddenException("People sign in at the organization's identity provider: reset the password there.")
                    .worded("account.resetAtProvider");
        }
        PortalAccount account = managed(actor, username);
        if (account.username().matches(actor.username())) {
            throw new ForbiddenException("Change your own password on My account.").worded("account.ownReset");
        }
        String oneTime = OneTimePasswords.next(account.username().value());
        account.resetPassword(HASHER.hash(oneTime));
        trail.recordAfterGlobalChange(org.openvisit.audit.domain.model.AuditFact.of(
                        org.openvisit.audit.domain.model.AuditKind.ACCOUNT_CHANGED,
                        org.openvisit.audit.domain.model.AuditActor.portalUser(actor.username()))
                .withOrganization(account.organizationId())
                .withDetail("password of " + account.username().value() + " reset to a one-time password"));
        return new PasswordReset(account.username().value(), oneTime);
    }

    /** The signed-in person chose a language with the switcher: remembered for their next sessions, on any browser. */
    public void chooseLanguage(@NotNull String username, org.openvisit.shared.domain.model.Language language) {
        username(username).flatMap(accounts::findByUsername).ifPresent(a -> a.chooseLanguage(language));
    }

    /** An account the actor manages: an operator any, an organization's administrator its members. */
    private PortalAccount managed(Actor actor, String username) {
        return username(username).flatMap(accounts::findByUsername)
                .filter(a -> actor.hasRole(Role.OPERATOR) || (a.organizationId() != null
                        && actor.hasRoleIn(Role.ORG_ADMIN, a.organizationId())))
                .orElseThrow(() -> new InvalidAccountException("username", "There is no such user in your organization.")
                        .worded("account.notInOrganization"));
    }

    private static String names(java.util.Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The account as lists show it (no password hash), when it exists. */
    public Optional<AccountSummary> summary(String username) {
        return username(username).flatMap(accounts::findByUsername).map(AccountSummary::of);
    }

    private boolean externalSignIn() {
        return signInMode != null && "oidc".equalsIgnoreCase(signInMode.strip());
    }

    private SignedInUser signedIn(PortalAccount account) {
        return new SignedInUser(account.username().value(), account.displayName(), account.organizationId(),
                account.roles(), account.mustChangePassword(), account.language().orElse(null));
    }

    /** The name of a new account, or a refusal that says what is wrong with it. */
    private static PortalUsername newUsername(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new InvalidAccountException("username", "The username is required.").worded("username.required");
        }
        String trimmed = typed.strip();
        if (trimmed.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidAccountException("username", "A username has no spaces or control characters, "
                    + "for example ana.lyst or ana.lyst@hospital.example.").worded("username.spaces");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > PortalUsername.MAX_LENGTH) {
            throw new InvalidAccountException("username", "A username has at most " + PortalUsername.MAX_LENGTH
                    + " characters.").worded("username.tooLong", PortalUsername.MAX_LENGTH);
        }
        return new PortalUsername(trimmed);
    }

    /** A username as typed, or empty when it could not name any account. */
    private static Optional<PortalUsername> username(String typed) {
        try {
            return Optional.of(new PortalUsername(typed));
        } catch (InvalidValueException notAUsername) {
            return Optional.empty();
        }
    }

    /** 256 random bits: the password of an account that signs in only through the identity provider. */
    private static String unusablePassword() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
