package org.openvisit.notify.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Guards the Subscription receiver against a flood, per node, in one-minute windows: at most
 * {@code openvisit.sms.fhir.subscription.max-per-minute} (300) notifications to one receiver address and ten times
 * that to all addresses together (counted before anything is looked up, so guessing addresses floods too). A
 * notification over the limit is answered 429 and changes nothing; an EHR retries it, and the poll is the safety net.
 */
@ApplicationScoped
public class NoticeFlood {

    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();
    private volatile long window = -1;
    private Clock clock = Clock.systemUTC();

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.subscription.max-per-minute", defaultValue = "300")
    int perAddress;

    public NoticeFlood() {
        // for CDI
    }

    /** For tests: a limit and a clock. */
    NoticeFlood(int perAddress, Clock clock) {
        this.perAddress = perAddress;
        this.clock = clock;
    }

    /**
     * @throws NoticeRefusal FLOOD: too many notifications this minute (to this address, or to all of them)
     */
    public void admit(String hookId) {
        long minute = clock.millis() / 60_000;
        if (minute != window) {
            synchronized (this) {
                if (minute != window) {
                    counts.clear();
                    all.set(0);
                    window = minute;
                }
            }
        }
        int limit = Math.max(1, perAddress);
        if (all.incrementAndGet() > limit * 10L) {
            throw flood();
        }
        String key = hookId == null ? "" : hookId.length() > 64 ? hookId.substring(0, 64) : hookId;
        if (counts.size() >= MAX_ADDRESSES && !counts.containsKey(key)) {
            key = "(other)"; // unknown addresses share one count, so guessing cannot grow the map
        }
        if (counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > limit) {
            throw flood();
        }
    }

    /** Seconds until the window turns (for Retry-After). */
    public long retryAfterSeconds() {
        return 60 - (clock.millis() / 1000) % 60;
    }

    private static NoticeRefusal flood() {
        return new NoticeRefusal(NoticeRefusal.Reason.FLOOD, "Too many notifications in this minute; OpenVisit "
                + "takes them again in the next one (its poll picks up what was refused).");
    }
}
