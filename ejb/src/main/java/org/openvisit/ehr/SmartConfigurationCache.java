package org.openvisit.ehr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMART configurations by FHIR base URL for a while (10 minutes by default), so that a busy launch does
 * not fetch the EHR's discovery document every time. Only configurations that were read successfully
 * are kept; an EHR that was down is asked again at the next sign-in. Thread-safe; at most
 * {@value #MAX_ENTRIES} issuers are kept (the oldest are dropped first).
 */
public final class SmartConfigurationCache {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 1000;

    private record Entry(SmartConfiguration configuration, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public SmartConfigurationCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public Optional<SmartConfiguration> find(String fhirBase) {
        Entry entry = entries.get(fhirBase);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(fhirBase, entry);
            return Optional.empty();
        }
        return Optional.of(entry.configuration());
    }

    public void put(SmartConfiguration configuration) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.entrySet().stream().min(Map.Entry.comparingByValue(
                                java.util.Comparator.comparing(Entry::expires)))
                        .ifPresent(oldest -> entries.remove(oldest.getKey()));
            }
        }
        entries.put(configuration.fhirBase(), new Entry(configuration, now.plus(ttl)));
    }

    public void clear() {
        entries.clear();
    }
}
