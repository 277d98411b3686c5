package org.openvisit.identity.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The failed password sign-ins of one account or one address, and until when it must wait or is locked. Known
 * by a subject ({@code account:<username>} or {@code address:<IP>}); holds no password.
 */
@Entity
@Table(name = "sign_in_throttle")
public class SignInFailures {

    public static final int MAX_SUBJECT = 200;

    @Id
    @Column(name = "subject", length = MAX_SUBJECT, nullable = false, updatable = false)
    private String subject;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "last_failure_at", nullable = false)
    private Instant lastFailureAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    protected SignInFailures() {
        // for JPA
    }

    public SignInFailures(String subject, Instant at) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) {
            throw new IllegalArgumentException("A throttle subject is 1 to " + MAX_SUBJECT + " characters.");
        }
        this.subject = subject;
        this.lastFailureAt = Objects.requireNonNull(at, "at");
    }

    /** Until when the next attempt is refused without being checked, if it must wait at {@code now}. */
    public Optional<Instant> blockedUntil(ThrottlePolicy policy, Instant now) {
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return Optional.of(lockedUntil);
        }
        if (forgotten(policy, now)) {
            return Optional.empty();
        }
        Instant until = lastFailureAt.plus(policy.delayAfter(failures));
        return now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** One more failure at {@code now}; answers whether it locked the subject. */
    public boolean fail(ThrottlePolicy policy, Instant now) {
        if (forgotten(policy, now)) {
            failures = 0;
        }
        failures++;
        lastFailureAt = now;
        if (failures >= policy.lockoutFailures()) {
            lockedUntil = now.plus(policy.lockout());
            failures = policy.freeFailures(); // after the lockout, each further failure waits again
            return true;
        }
        return false;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    private boolean forgotten(ThrottlePolicy policy, Instant now) {
        return lastFailureAt.plus(policy.memory()).isBefore(now)
                && (lockedUntil == null || !now.isBefore(lockedUntil));
    }

    public String subject() {
        return subject;
    }

    public int failures() {
        return failures;
    }

    public Optional<Instant> lockedUntil() {
        return Optional.ofNullable(lockedUntil);
    }
}
