package org.openvisit.shared.infrastructure;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warnings that a caller outside can repeat at will (refused socket messages, bad requests): per kind, the first
 * {@code perMinute} in a minute are logged, the rest only counted, and the next logged line says how many were
 * left out. So 1,000 bad frames give a handful of lines, not 1,000.
 */
public final class QuietLog {

    private final Logger logger;
    private final int perMinute;
    private final LongSupplier clockMillis;
    private final ConcurrentMap<String, long[]> kinds = new ConcurrentHashMap<>();

    public QuietLog(Logger logger, int perMinute) {
        this(logger, perMinute, System::currentTimeMillis);
    }

    QuietLog(Logger logger, int perMinute, LongSupplier clockMillis) {
        this.logger = logger;
        this.perMinute = perMinute;
        this.clockMillis = clockMillis;
    }

    public void warning(String kind, Supplier<String> message) {
        log(Level.WARNING, kind, message);
    }

    public void log(Level level, String kind, Supplier<String> message) {
        if (!logger.isLoggable(level)) {
            return;
        }
        long window = clockMillis.getAsLong() / 60_000;
        long[] c = kinds.computeIfAbsent(kind.length() > 64 ? kind.substring(0, 64) : kind, k -> new long[3]);
        long skipped;
        synchronized (c) {
            if (c[0] != window) {
                c[0] = window;
                c[1] = 0;
            }
            if (++c[1] > perMinute) {
                c[2]++;
                return;
            }
            skipped = c[2];
            c[2] = 0;
        }
        String text = message.get();
        logger.log(level, skipped == 0 ? text : text + " (" + skipped + " more like it were not logged)");
    }

    /** How many kinds are tracked (for tests). */
    int kinds() {
        return kinds.size();
    }
}
