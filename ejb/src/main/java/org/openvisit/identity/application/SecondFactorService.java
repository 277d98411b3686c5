package org.openvisit.identity.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.audit.application.AuditTrail;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.identity.domain.model.AccountRepository;
import org.openvisit.identity.domain.model.PortalAccount;
import org.openvisit.secrets.MasterKey;
import org.openvisit.secrets.Sealer;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.infrastructure.LogText;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The optional second factor of operators and organization administrators (issue 20): time-based one-time codes
 * (RFC 6238) from an authenticator app, plus {@link RecoveryCodes#COUNT} one-time recovery codes. The secret is
 * sealed under the installation's master key (bound to the account) and never logged; a code is accepted within one
 * step either side of now and never twice. The installation may require it of operators, or of operators and
 * organization administrators ({@code openvisit.sign-in.second-factor.required-for}). Every change is written to the
 * {@code org.openvisit.audit.sign-in} log. Failed codes are counted by {@link SignInThrottle}, called by the web layer
 * as for passwords.
 */
@Stateless
public class SecondFactorService {

    private static final Logger AUDIT = Logger.getLogger("org.openvisit.audit.sign-in");
    static final String PURPOSE = "portal-account-totp:";
    static final String ISSUER = "OpenVisit";
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final TotpCodes CODES = new TotpCodes();

    @Inject
    private AccountRepository accounts;

    @Inject
    private MasterKey masterKey;

    @EJB
    private AuditTrail trail;

    /** {@code none} (the default), {@code OPERATOR}, or {@code OPERATOR,ORG_ADMIN}. */
    @Inject
    @ConfigProperty(name = "openvisit.sign-in.second-factor.required-for", defaultValue = "none")
    String requiredFor;

    private Sealer sealer;
    Clock clock = Clock.systemUTC();

    public SecondFactorService() {
        // for the container
    }

    /** Outside the container (tests). */
    SecondFactorService(AccountRepository accounts, Sealer sealer, String requiredFor, Clock clock) {
        this.accounts = accounts;
        this.sealer = sealer;
        this.requiredFor = requiredFor;
        this.clock = clock;
    }

    /** The roles whose accounts must have a second factor; only OPERATOR and ORG_ADMIN can be named. */
    Set<Role> requiredRoles() {
        String value = requiredFor == null ? "" : requiredFor.strip();
        if (value.isEmpty() || "none".equalsIgnoreCase(value)) {
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : value.split("[,\\s]+")) {
            String role = name.strip().toUpperCase(Locale.ROOT);
            if (role.equals(Role.OPERATOR.name()) || role.equals(Role.ORG_ADMIN.name())) {
                roles.add(Role.valueOf(role));
            } else if (!role.isEmpty()) {
                throw new IllegalStateException("openvisit.sign-in.second-factor.required-for takes none, OPERATOR or "
                        + "OPERATOR,ORG_ADMIN; not " + LogText.of(name));
            }
        }
        return roles;
    }

    public SecondFactorStatus status(String username) {
        return account(username).map(a -> new SecondFactorStatus(a.maySetUpSecondFactor(), a.hasSecondFactor(),
                        isRequired(a), a.recoveryCodesLeft()))
                .orElse(new SecondFactorStatus(false, false, false, 0));
    }

    /** What a sign-in whose password was right still needs. */
    public SecondStep afterPassword(String username) {
        return account(username).map(a -> a.hasSecondFactor() ? SecondStep.CODE
                : isRequired(a) ? SecondStep.ENROL : SecondStep.NONE).orElse(SecondStep.NONE);
    }

    /** A new secret for the account's authenticator app; nothing is stored until {@link #confirm}. */
    public NewSecondFactor begin(String username) {
        PortalAccount account = enrollable(username);
        byte[] secret = TotpCodes.newSecret();
        String base32 = Base32.encode(secret);
        String label = URLEncoder.encode(ISSUER + ":" + account.username().value(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + TotpCodes.DIGITS + "&period=" + TotpCodes.STEP.getSeconds();
        String grouped = Arrays.stream(base32.split("(?<=\\G.{4})")).collect(Collectors.joining(" "));
        String sealed = sealer().seal(PURPOSE + account.id(), secret);
        Arrays.fill(secret, (byte) 0);
        return new NewSecondFactor(sealed, uri, grouped);
    }

    /**
     * Turns the second factor on when the code typed is one of the new secret's current codes; answers the recovery
     * codes, to be shown once.
     *
     * @throws InvalidValueException the code is not right (field {@code code})
     */
    public List<String> confirm(String username, String sealedSecret, String code) {
        PortalAccount account = enrollable(username);
        byte[] secret = open(account, sealedSecret);
        OptionalLong step = CODES.matchingStep(secret, code, clock.instant());
        Arrays.fill(secret, (byte) 0);
        if (step.isEmpty()) {
            throw new InvalidValueException("code", "That code is not right.").worded("secondFactor.wrongCode");
        }
        List<String> recovery = RecoveryCodes.generate();
        account.enrolSecondFactor(sealedSecret, step.getAsLong(),
                recovery.stream().map(c -> RecoveryCodes.hash(c).orElseThrow()).collect(Collectors.toSet()),
                clock.instant());
        AUDIT.info(() -> "Second factor turned on: user " + LogText.of(account.username().value()));
        return recovery;
    }

    /**
     * Checks a code typed at sign-in: a current code of the authenticator app (its step then counts as used), or an
     * unused recovery code (then used up). A code of a step already used is refused.
     */
    public CodeCheck check(String username, String typed) {
        Optional<PortalAccount> found = account(username).filter(PortalAccount::hasSecondFactor);
        if (found.isEmpty()) {
            return CodeCheck.refused();
        }
        PortalAccount account = found.get();
        Optional<String> recoveryHash = RecoveryCodes.hash(typed);
        if (recoveryHash.isPresent()) {
            if (account.useRecoveryCode(recoveryHash.get())) {
                AUDIT.info(() -> "Recovery code used: user " + LogText.of(account.username().value()) + ", "
                        + account.recoveryCodesLeft() + " left");
                return new CodeCheck(true, true, account.recoveryCodesLeft());
            }
            return CodeCheck.refused();
        }
        byte[] secret = open(account, account.sealedTotpSecret().orElseThrow());
        OptionalLong step = CODES.matchingStep(secret, typed, clock.instant());
        Arrays.fill(secret, (byte) 0);
        if (step.isPresent() && account.useTotpStep(step.getAsLong())) {
            return new CodeCheck(true, false, account.recoveryCodesLeft());
        }
        return CodeCheck.refused();
    }

    /**
     * The person turns their second factor off, proving it with a current code or their password (an unattended
     * signed-in browser is not enough). Answers whether it was proven (and so turned off).
     */
    public boolean turnOff(String username, String codeOrPassword) {
        Optional<PortalAccount> found = account(username).filter(PortalAccount::hasSecondFactor);
        if (found.isEmpty()) {
            return false;
        }
        PortalAccount account = found.get();
        boolean proven = check(username, codeOrPassword).accepted()
                || HASHER.matches(codeOrPassword, account.passwordHash());
        if (proven) {
            account.removeSecondFactor();
            AUDIT.info(() -> "Second factor turned off: user " + LogText.of(account.username().value()));
        }
        return proven;
    }

    /**
     * An operator removes another account's second factor (a lost phone and lost recovery codes); the person sets up
     * a new one at their next sign-in. Answers whether the account had one.
     */
    public boolean reset(Actor operator, String username) {
        if (!operator.hasRole(Role.OPERATOR)) {
            throw new ForbiddenException("Only an operator may reset a second factor.")
                    .worded("secondFactor.resetOperatorsOnly");
        }
        PortalAccount account = account(username)
                .orElseThrow(() -> new InvalidValueException("username", "There is no such account.")
                        .worded("account.unknown"));
        if (account.username().matches(operator.username())) {
            throw new ForbiddenException("You cannot reset your own second factor; turn it off on its page.")
                    .worded("secondFactor.ownReset");
        }
        boolean had = account.hasSecondFactor();
        account.removeSecondFactor();
        AUDIT.info(() -> "Second factor reset: user " + LogText.of(account.username().value()) + " by operator "
                + LogText.of(operator.username()) + (had ? "" : " (it had none)"));
        if (trail != null) { // null only in unit tests built without the container
            trail.recordAfterGlobalChange(AuditFact.of(AuditKind.SECOND_FACTOR_RESET,
                            AuditActor.portalUser(operator.username())).withOrganization(account.organization().orElse(null))
                    .withDetail("user " + account.username().value() + (had ? "" : " (it had none)")));
        }
        return had;
    }

    private boolean isRequired(PortalAccount account) {
        Set<Role> required = requiredRoles();
        return account.roles().stream().anyMatch(required::contains);
    }

    private PortalAccount enrollable(String username) {
        PortalAccount account = account(username).filter(PortalAccount::isEnabled)
                .orElseThrow(() -> new ForbiddenException("Your account no longer exists.")
                        .worded("account.gone"));
        if (!account.maySetUpSecondFactor()) {
            throw new ForbiddenException("Only operators and organization administrators have a second factor.")
                    .worded("secondFactor.notForRole");
        }
        if (account.hasSecondFactor()) {
            throw new InvalidValueException("code", "The second factor is on already.").worded("secondFactor.onAlready");
        }
        return account;
    }

    private byte[] open(PortalAccount account, String sealed) {
        try {
            byte[] secret = sealer().unseal(PURPOSE + account.id(), sealed);
            if (secret.length != TotpCodes.SECRET_BYTES) {
                throw new IllegalStateException("Not a TOTP secret.");
            }
            return secret;
        } catch (IllegalStateException | IllegalArgumentException notOurs) {
            throw new InvalidValueException("code", "The new secret does not belong to this account; start again.")
                    .worded("secondFactor.otherAccount");
        }
    }

    private Sealer sealer() {
        return sealer != null ? sealer : masterKey.sealer();
    }

    private Optional<PortalAccount> account(String username) {
        try {
            return Optional.ofNullable(username).map(PortalUsername::new).flatMap(accounts::findByUsername);
        } catch (InvalidValueException notAUsername) {
            return Optional.empty();
        }
    }
}
