package org.openvisit.sandbox.fault;

import java.time.Clock;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** The fault currently switched on, if any; counts the requests it has spoiled. */
public class FaultSwitch {

    private final Clock clock;
    private final DoubleSupplier random;
    private Fault current;
    private int served;

    public FaultSwitch(Clock clock) {
        this(clock, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** With the random numbers (in [0, 1)) that pick the requests a fault with a rate below 1 spoils. */
    public FaultSwitch(Clock clock, DoubleSupplier random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized void set(Fault fault) {
        current = fault;
        served = 0;
    }

    public synchronized void clear() {
        current = null;
    }

    /** The switched-on fault without counting a request. */
    public synchronized Optional<Fault> current() {
        expire();
        return Optional.ofNullable(current);
    }

    /**
     * The fault to apply to one incoming request (counts it), or empty when the API should behave. A concurrent
     * edit is not a request fault: see {@link #nextConditionalUpdate()}.
     */
    public synchronized Optional<Fault> nextRequest() {
        expire();
        if (current == null || current.mode() == Fault.Mode.CONCURRENT_EDIT) {
            return Optional.empty();
        }
        return spoil();
    }

    /** Whether someone else edits the record before this update with If-Match (counts it when so). */
    public synchronized boolean nextConditionalUpdate() {
        expire();
        return current != null && current.mode() == Fault.Mode.CONCURRENT_EDIT && spoil().isPresent();
    }

    private Optional<Fault> spoil() {
        Fault fault = current;
        if (fault.rate() < 1 && random.getAsDouble() >= fault.rate()) {
            return Optional.empty();
        }
        served++;
        if (fault.count() != null && served >= fault.count()) {
            current = null;
        }
        return Optional.of(fault);
    }

    private void expire() {
        if (current != null && current.until() != null && !clock.instant().isBefore(current.until())) {
            current = null;
        }
    }
}
