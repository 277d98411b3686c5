package org.openvisit.writeback.application;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per endpoint (on this node), so that one dead or rate-limiting EHR does not take
 * the relay's threads and attempts away from the others. MicroProfile Fault Tolerance's
 * {@code @CircuitBreaker} keeps one state per method, not per endpoint, hence this small class.
 * <ul>
 * <li>CLOSED: deliveries go. {@code failureThreshold} endpoint-wide failures in a row (no answer, 5xx,
 *     a refused connection; not a 404 for one record) open it.</li>
 * <li>OPEN for {@code openFor}, doubled each time a trial fails, at most {@code maxOpenFor}: the relay
 *     claims nothing of that endpoint, so its tasks keep their attempts.</li>
 * <li>HALF_OPEN after that: one trial delivery; success closes it, failure opens it again.</li>
 * <li>A {@code 429} with {@code Retry-After} pauses the endpoint that long (OPEN without counting).</li>
 * </ul>
 * In a cluster the nodes tell each other ({@link CircuitNews}): a circuit that opens on one node is opened on the
 * others until the same moment ({@link #adopt}), so a dead EHR is left alone by every node after the first one
 * found it, and a trial that succeeds anywhere closes it everywhere.
 */
public final class EndpointCircuitBreakers {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** The limits; see the README for why these defaults. */
    public record Limits(int failureThreshold, Duration openFor, Duration maxOpenFor) {
        public Limits {
            if (failureThreshold < 1 || openFor.isNegative() || maxOpenFor.compareTo(openFor) < 0) {
                throw new IllegalArgumentException("Circuit breaker limits need threshold >= 1, 0 <= openFor <= maxOpenFor.");
            }
        }
    }

    private static final class Circuit {
        State state = State.CLOSED;
        int failures;
        Duration openFor;
        Instant openUntil = Instant.MIN;
        boolean trialInFlight;
    }

    /** What this node's circuits tell the other nodes. */
    public interface CircuitNews {
        CircuitNews NONE = new CircuitNews() {
            @Override
            public void opened(UUID endpoint, Instant until) {
            }

            @Override
            public void closed(UUID endpoint) {
            }
        };

        void opened(UUID endpoint, Instant until);

        void closed(UUID endpoint);
    }

    private final Limits limits;
    private final CircuitNews news;
    private final Map<UUID, Circuit> circuits = new ConcurrentHashMap<>();

    public EndpointCircuitBreakers(Limits limits) {
        this(limits, CircuitNews.NONE);
    }

    public EndpointCircuitBreakers(Limits limits, CircuitNews news) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.news = Objects.requireNonNull(news, "news");
    }

    /**
     * Another node opened this endpoint's circuit until {@code until}: it is open here too until then (a trial of
     * this node's under way is left to finish). Nothing changes for a moment already past or a circuit open longer.
     */
    public synchronized void adopt(UUID endpoint, Instant until, Instant now) {
        Circuit c = circuit(endpoint);
        if (!until.isAfter(now) || c.trialInFlight || (c.state == State.OPEN && !until.isAfter(c.openUntil))) {
            return;
        }
        c.state = State.OPEN;
        c.openUntil = until;
    }

    /** Another node's trial succeeded, so the EHR answers again: an open circuit here closes too. */
    public synchronized void adoptClosed(UUID endpoint) {
        Circuit c = circuits.get(endpoint);
        if (c != null && c.state != State.CLOSED && !c.trialInFlight) {
            c.state = State.CLOSED;
            c.failures = 0;
            c.openFor = limits.openFor();
        }
    }

    private Circuit circuit(UUID endpoint) {
        return circuits.computeIfAbsent(endpoint, e -> {
            Circuit c = new Circuit();
            c.openFor = limits.openFor();
            return c;
        });
    }

    /** Whether a delivery to the endpoint may go now; in HALF_OPEN only one trial at a time. */
    public synchronized boolean tryAcquire(UUID endpoint, Instant now) {
        Circuit c = circuit(endpoint);
        switch (c.state) {
            case CLOSED:
                return true;
            case OPEN:
                if (now.isBefore(c.openUntil)) {
                    return false;
                }
                c.state = State.HALF_OPEN;
                c.trialInFlight = true;
                return true;
            default:
                if (c.trialInFlight) {
                    return false;
                }
                c.trialInFlight = true;
                return true;
        }
    }

    /** The endpoints the relay should not claim for now (open, or half-open with its trial under way). */
    public synchronized Set<UUID> blocked(Instant now) {
        Set<UUID> blocked = new HashSet<>();
        circuits.forEach((endpoint, c) -> {
            if ((c.state == State.OPEN && now.isBefore(c.openUntil)) || (c.state == State.HALF_OPEN && c.trialInFlight)) {
                blocked.add(endpoint);
            }
        });
        return blocked;
    }

    public synchronized void success(UUID endpoint) {
        Circuit c = circuit(endpoint);
        if (c.state != State.CLOSED) {
            news.closed(endpoint);
        }
        c.state = State.CLOSED;
        c.failures = 0;
        c.openFor = limits.openFor();
        c.trialInFlight = false;
    }

    /** An endpoint-wide failure (down, no answer, 5xx). */
    public synchronized void failure(UUID endpoint, Instant now) {
        Circuit c = circuit(endpoint);
        c.failures++;
        if (c.state == State.HALF_OPEN) {
            c.openFor = c.openFor.multipliedBy(2).compareTo(limits.maxOpenFor()) > 0
                    ? limits.maxOpenFor() : c.openFor.multipliedBy(2);
            open(endpoint, c, now, c.openFor);
        } else if (c.state == State.CLOSED && c.failures >= limits.failureThreshold()) {
            open(endpoint, c, now, c.openFor);
        }
    }

    /** The EHR asked to wait ({@code 429 Retry-After}): no deliveries to it until then. */
    public synchronized void pause(UUID endpoint, Instant until) {
        Circuit c = circuit(endpoint);
        c.trialInFlight = false;
        if (c.state != State.OPEN || until.isAfter(c.openUntil)) {
            c.state = State.OPEN;
            c.openUntil = until;
            news.opened(endpoint, until);
        }
    }

    /** A delivery that neither succeeded nor failed at the endpoint (e.g. a bad record): a trial ends. */
    public synchronized void neutral(UUID endpoint) {
        Circuit c = circuit(endpoint);
        if (c.state == State.HALF_OPEN) {
            c.state = State.CLOSED;
            c.failures = 0;
            c.openFor = limits.openFor();
        }
        c.trialInFlight = false;
    }

    private void open(UUID endpoint, Circuit c, Instant now, Duration openFor) {
        c.state = State.OPEN;
        c.openUntil = now.plus(openFor);
        c.trialInFlight = false;
        news.opened(endpoint, c.openUntil);
    }

    public synchronized State state(UUID endpoint, Instant now) {
        Circuit c = circuits.get(endpoint);
        if (c == null) {
            return State.CLOSED;
        }
        return c.state == State.OPEN && !now.isBefore(c.openUntil) ? State.HALF_OPEN : c.state;
    }
}
