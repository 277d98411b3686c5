package org.openvisit.it.writeback;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The write-back tests' main check, made on what the EHR holds rather than on OpenVisit's own bookkeeping. */
final class ExactlyOnceAtTheEhr {

    private ExactlyOnceAtTheEhr() {
    }

    /**
     * Every expected event has exactly one Communication at the EHR, no other exists, and each visit's
     * were written in the events' order.
     *
     * @param delivered the delivered queue items (event id, visit id, sequence)
     * @param written   the EHR's event Communications: event id -> when each copy was written
     */
    static void check(Set<String> expectedEvents, List<JsonObject> delivered, Map<String, List<Instant>> written) {
        List<String> duplicated = written.entrySet().stream().filter(x -> x.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        assertThat(duplicated).as("events written twice at the EHR").isEmpty();
        assertThat(written.keySet()).as("the EHR has exactly these events").isEqualTo(expectedEvents);

        Map<String, List<JsonObject>> byVisit = delivered.stream().collect(Collectors.groupingBy(i -> i.getString("visitId")));
        for (List<JsonObject> visit : byVisit.values()) {
            List<JsonObject> inOrder = visit.stream()
                    .sorted(Comparator.comparingLong(i -> i.getJsonNumber("sequence").longValue())).toList();
            for (int n = 1; n < inOrder.size(); n++) {
                Instant earlier = written.get(inOrder.get(n - 1).getString("eventId")).get(0);
                Instant later = written.get(inOrder.get(n).getString("eventId")).get(0);
                assertThat(later).as("visit " + inOrder.get(n).getString("visitId") + " event "
                        + inOrder.get(n).getJsonNumber("sequence")).isAfterOrEqualTo(earlier);
            }
        }
    }
}
