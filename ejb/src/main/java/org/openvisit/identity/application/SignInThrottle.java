package org.openvisit.identity.application;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.ejb.EJB;
import org.openvisit.audit.application.AuditTrail;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.identity.domain.model.AccountRepository;
import org.openvisit.identity.domain.model.PortalAccount;
import org.openvisit.identity.domain.model.SignInFailures;
import org.openvisit.identity.domain.model.SignInFailuresRepository;
import org.openvisit.identity.domain.model.ThrottlePolicy;
import org.openvisit.shared.infrastructure.LogText;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Guards password sign-ins (portal form and HTTP Basic on {@code /api}) against guessing: failures are counted
 * per account and per address on every node (the database), later attempts wait longer and longer, and many
 * failures lock the account or address for a while (settings {@code openvisit.sign-in.*}). A waiting attempt is
 * refused before its password is checked. Every outcome is written to the {@code org.openvisit.audit.sign-in} log
 * with the bounded username and the address, never the password, and to the audit trail ({@link AuditTrail}: the
 * account's organization's trail, or the installation's for operators and names that are no account); a successful
 * HTTP Basic sign-in (every API request signs in) is logged, not audited. Operators unlock accounts in the portal.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SignInThrottle {

    private static final Logger AUDIT = Logger.getLogger("org.openvisit.audit.sign-in");
    static final int MAX_USERNAME = 64;

    @Inject
    private SignInFailuresRepository failures;

    @Resource
    private SessionContext context;

    @Inject
    private AccountRepository accounts;

    @EJB
    private AuditTrail trail;

    /** The channel of HTTP Basic sign-ins on the API (each request signs in: successes are not audited). */
    public static final String API = "api";

    @Inject
    @ConfigProperty(name = "openvisit.sign-in.free-failures", defaultValue = "3")
    int freeFailures;

    @Inject
    @ConfigProperty(name = "openvisit.sign-in.first-delay", defaultValue = "PT1S")
    Duration firstDelay;

    @Inject
    @ConfigProperty(name = "openvisit.sign-in.max-delay", defaultValue = "PT30S")
    Duration maxDelay;

    @Inject
    @ConfigProperty(name = "openvisit.sign-in.account-lockout-failures", defaultValue = "10")
    int accountLockoutFailures;

    /** An address (a hospital's NAT may put many people behind one) gets more free failures than an account. */
    @Inject
    @ConfigProperty(name = "openvisit.sign-in.address-free-failures", defaultValue = "20")
    int addressFreeFailures;

    @Inject
    @ConfigProperty(name = "openvisit.sign-in.address-lockout-failures", defaultValue = "100")
    int addressLockoutFailures;

    @Inject
    @ConfigProperty(name = "openvisit.sign-in.lockout", defaultValue = "PT15M")
    Duration lockout;

    private final Clock clock = Clock.systemUTC();

    /** How long the attempt must wait (refused unchecked), or empty when it may be checked now. */
    public Optional<Duration> mustWait(String username, String address, String channel) {
        Instant now = clock.instant();
        Optional<Instant> until = blocked(account(username), accountPolicy(), now)
                .or(() -> blocked(address(address), addressPolicy(), now));
        until.ifPresent(u -> {
            AUDIT.warning(() -> "Sign-in refused unchecked (must wait until " + u + "): user "
                    + LogText.of(bounded(username)) + " from " + LogText.of(address) + " by " + channel);
            audit(username, address, AuditOutcome.MINOR_FAILURE, "by " + channel + "; refused unchecked: too many "
                    + "failed sign-ins, must wait");
        });
        return until.map(u -> Duration.between(now, u));
    }

    public void succeeded(String username, String address, String channel) {
        failures.forget(account(username));
        AUDIT.info(() -> "Sign-in succeeded: user " + LogText.of(bounded(username)) + " from " + LogText.of(address)
                + " by " + channel);
        if (!API.equals(channel)) {
            audit(username, address, AuditOutcome.SUCCESS, "by " + channel);
        }
    }

    /**
     * The password was right but a second factor is still to come: audited, and the account's failures are kept (a
     * right password followed by wrong codes must not start the count afresh each time).
     */
    public void passwordAccepted(String username, String address, String channel) {
        AUDIT.info(() -> "Sign-in password accepted, second factor asked: user " + LogText.of(bounded(username))
                + " from " + LogText.of(address) + " by " + channel);
    }

    public void failed(String username, String address, String channel) {
        Instant now = clock.instant();
        failures.forgetOlderThan(now.minus(memory()), now);
        boolean accountLocked = fail(account(username), accountPolicy(), now);
        boolean addressLocked = fail(address(address), addressPolicy(), now);
        AUDIT.warning(() -> "Sign-in failed: user " + LogText.of(bounded(username)) + " from " + LogText.of(address)
                + " by " + channel + (accountLocked ? "; the account is locked for " + lockout : "")
                + (addressLocked ? "; the address is locked for " + lockout : ""));
        audit(username, address, AuditOutcome.MINOR_FAILURE, "by " + channel
                + (accountLocked ? "; the account is locked for " + lockout.toMinutes() + " minutes" : "")
                + (addressLocked ? "; the address is locked for " + lockout.toMinutes() + " minutes" : ""));
    }

    /**
     * A sign-in refused for another reason than a wrong password or code (the identity provider signed in someone
     * who has no enabled account here): audited and logged, not counted.
     */
    public void refused(String username, String address, String channel) {
        AUDIT.warning(() -> "Sign-in refused: user " + LogText.of(bounded(username)) + " from " + LogText.of(address)
                + " by " + channel + ": no enabled account");
        audit(username, address, AuditOutcome.MINOR_FAILURE, "by " + channel + "; no enabled account");
    }

    /**
     * Into the audit trail of the account's organization (once this transaction committed) or, for an operator or a
     * name that is no account, the installation's (in this transaction).
     */
    private void audit(String username, String address, AuditOutcome outcome, String detail) {
        java.util.UUID organization = null;
        String name = username;
        try {
            Optional<PortalAccount> account = accounts.findByUsername(
                    new org.openvisit.tenant.domain.model.PortalUsername(username));
            if (account.isPresent()) {
                organization = account.get().organization().orElse(null);
                name = account.get().username().value();
            }
        } catch (RuntimeException notAUsername) {
            // a blank or overlong name is no account: the installation's trail keeps what was typed, bounded
        }
        trail.recordAfterGlobalChange(AuditFact.of(AuditKind.SIGN_IN, AuditActor.typedUsername(name))
                .withOutcome(outcome).withOrganization(organization).withSourceAddress(address).withDetail(detail));
    }

    /** The accounts locked now (usernames), for the operator's unlock. */
    public List<String> lockedAccounts() {
        return failures.locked(clock.instant()).stream().map(SignInFailures::subject)
                .filter(s -> s.startsWith("account:")).map(s -> s.substring("account:".length())).toList();
    }

    /** An operator lifts an account's lockout and delay; answers whether it had any. */
    public boolean unlock(String username, String operator) {
        boolean had = failures.forget(account(username));
        AUDIT.info(() -> "Sign-in lockout lifted: user " + LogText.of(bounded(username)) + " by operator "
                + LogText.of(operator));
        trail.recordAfterGlobalChange(AuditFact.of(AuditKind.SIGN_IN_UNLOCKED, AuditActor.typedUsername(operator))
                .withOrganization(organizationOf(username)).withDetail("user " + bounded(username)));
        return had;
    }

    /** The account's organization, or {@code null} for an operator or a name that is no account. */
    private java.util.UUID organizationOf(String username) {
        try {
            return accounts.findByUsername(new org.openvisit.tenant.domain.model.PortalUsername(username))
                    .flatMap(PortalAccount::organization).orElse(null);
        } catch (RuntimeException notAUsername) {
            return null;
        }
    }

    private boolean fail(String subject, ThrottlePolicy policy, Instant now) {
        Optional<SignInFailures> found = failures.find(subject);
        if (found.isPresent()) {
            return found.get().fail(policy, now);
        }
        SignInFailures first = new SignInFailures(subject, now);
        boolean locked = first.fail(policy, now);
        try {
            failures.add(first);
        } catch (PersistenceException concurrentFirstFailure) {
            context.setRollbackOnly(); // another node counted the same moment; one failure less is harmless
        }
        return locked;
    }

    private Optional<Instant> blocked(String subject, ThrottlePolicy policy, Instant now) {
        return failures.find(subject).flatMap(f -> f.blockedUntil(policy, now));
    }

    ThrottlePolicy accountPolicy() {
        return new ThrottlePolicy(freeFailures, firstDelay, maxDelay, accountLockoutFailures, lockout, memory());
    }

    ThrottlePolicy addressPolicy() {
        return new ThrottlePolicy(addressFreeFailures, firstDelay, maxDelay, addressLockoutFailures, lockout, memory());
    }

    private Duration memory() {
        return lockout.multipliedBy(4);
    }

    static String account(String username) {
        return "account:" + bounded(username).strip().toLowerCase(Locale.ROOT);
    }

    static String address(String address) {
        return "address:" + bounded(address == null ? "unknown" : address);
    }

    static String bounded(String text) {
        String t = text == null ? "" : text;
        return t.length() > MAX_USERNAME ? t.substring(0, MAX_USERNAME) : t;
    }
}
