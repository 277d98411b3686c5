package org.openvisit.ehr;

/**
 * How long the current request thread has waited for EHRs (every {@link OutboundHttp} call adds its
 * time), so a launch can report OpenVisit's own time apart from the EHR's (the {@code Server-Timing}
 * header of the launch pages). Started and cleared by whoever handles the request.
 */
public final class OutboundTiming {

    private static final ThreadLocal<long[]> WAITED = new ThreadLocal<>();

    private OutboundTiming() {
    }

    /** Starts counting for this thread's request. */
    public static void start() {
        WAITED.set(new long[1]);
    }

    /** The nanoseconds this request waited for EHRs so far (0 when not started). */
    public static long waitedNanos() {
        long[] waited = WAITED.get();
        return waited == null ? 0 : waited[0];
    }

    public static void clear() {
        WAITED.remove();
    }

    static void add(long nanos) {
        long[] waited = WAITED.get();
        if (waited != null) {
            waited[0] += nanos;
        }
    }
}
