package org.openvisit.notify.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-number sending rate and the carrier back-off for one batch of the send job: the sending numbers' rows of
 * {@code sms_number_pace}, locked by the batch's transaction, and what the batch does to them. Each message handed to
 * the carrier takes its number's next free slot, which moves on by one interval (1 / rate); a message whose slot is
 * still ahead waits for it ({@link SmsSend#deferTo}), keeping it. A transient carrier failure (429, 5xx, unreachable)
 * keeps the number's messages back for {@code base × 2^(failures-1)}, at most {@code max}, or the carrier's own
 * Retry-After when it is longer; a message taken resets the count. The rows are shared by every node (locked, not
 * kept in memory), so the rate and the back-off hold for the cluster, not per node.
 */
public final class NumberPace {

    /** One number's row: its next free slot and the carrier failures in a row. */
    public record Row(String number, Instant nextFreeAt, int failures) {
        public Row {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(nextFreeAt, "nextFreeAt");
        }
    }

    private final Duration interval;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Map<String, Row> rows = new HashMap<>();

    /**
     * @param locked      the numbers' rows as locked (a number without one starts free)
     * @param ratePerSecond messages per second and number (more than 0)
     */
    public NumberPace(Collection<Row> locked, double ratePerSecond, Duration backoffBase, Duration backoffMax) {
        this.interval = interval(ratePerSecond);
        this.backoffBase = requirePositive(backoffBase, "backoffBase");
        this.backoffMax = requirePositive(backoffMax, "backoffMax");
        locked.forEach(r -> rows.put(r.number(), r));
    }

    /** The time between two messages of one number at this rate (at least a microsecond). */
    public static Duration interval(double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("The rate per number must be a number of messages per second above 0.");
        }
        return Duration.ofNanos(Math.max(1_000L, Math.round(1_000_000_000d / ratePerSecond)));
    }

    /**
     * Takes the number's next free slot for one message and moves the slot on by one interval.
     *
     * @return the slot: at or before {@code now}, the message goes now; later, it waits for it
     */
    public Instant take(String number, Instant now) {
        Row row = row(number);
        Instant slot = row.nextFreeAt().isAfter(now) ? row.nextFreeAt() : now;
        rows.put(number, new Row(number, slot.plus(interval), row.failures()));
        return slot;
    }

    /**
     * The slot for {@code send}: the one it already took and waited for ({@link SmsSend#deferTo}), unless the number
     * is backing off carrier faults since; otherwise the number's next free slot ({@link #take}). Taking a new slot
     * each time a waiting message comes due would put it behind every slot taken meanwhile, again and again: with
     * more messages than a drain round sends, the waiting ones would never go.
     */
    public Instant slotFor(SmsSend send, String number, Instant now) {
        if (row(number).failures() == 0) {
            Optional<Instant> kept = send.keptSlot();
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        return take(number, now);
    }

    /** The carrier took a message: the failures in a row start again from none. */
    public void succeeded(String number) {
        Row row = row(number);
        if (row.failures() != 0) {
            rows.put(number, new Row(number, row.nextFreeAt(), 0));
        }
    }

    /**
     * The carrier did not take a message (a transient fault): the number's messages wait for the back-off.
     *
     * @param retryAfter what the carrier asked for, or null
     * @return when the number's messages are tried again
     */
    public Instant failed(String number, Instant now, Duration retryAfter) {
        Row row = row(number);
        int failures = row.failures() + 1;
        Duration wait = backoff(failures);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(backoffMax) > 0 ? backoffMax : retryAfter;
        }
        Instant next = now.plus(wait);
        if (row.nextFreeAt().isAfter(next)) {
            next = row.nextFreeAt();
        }
        rows.put(number, new Row(number, next, failures));
        return next;
    }

    /** The wait after this many failures in a row: base, doubled per failure, at most max. */
    public Duration backoff(int failures) {
        Duration wait = backoffBase;
        for (int i = 1; i < failures && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    /** The rows as this batch leaves them (to be written in its transaction). */
    public Collection<Row> rows() {
        return rows.values();
    }

    private Row row(String number) {
        return rows.computeIfAbsent(Objects.requireNonNull(number, "number"), n -> new Row(n, Instant.EPOCH, 0));
    }

    private static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be above zero");
        }
        return d;
    }
}
