package org.openvisit.retention.application;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionRulesTest {

    private static final Instant BEFORE = Instant.parse("2025-10-30T12:00:00Z");

    @Test
    void retentionDaysAreZeroForEverOrWithinTenYearsElseTheDefault() {
        assertThat(RetentionSettings.days(0)).isEmpty();
        assertThat(RetentionSettings.days(30)).contains(Duration.ofDays(30));
        assertThat(RetentionSettings.days(3650)).contains(Duration.ofDays(3650));
        assertThat(RetentionSettings.days(-5)).contains(Duration.ofDays(RetentionSettings.DEFAULT_DAYS));
        assertThat(RetentionSettings.days(3651)).contains(Duration.ofDays(RetentionSettings.DEFAULT_DAYS));
    }

    @Test
    void theAuditTrailIsKeptSixYearsUnlessSetOtherwise() {
        RetentionSettings settings = new RetentionSettings();
        settings.auditDays = RetentionSettings.AUDIT_DEFAULT_DAYS;
        assertThat(settings.auditTrail()).contains(Duration.ofDays(2190));
        settings.auditDays = 0;
        assertThat(settings.auditTrail()).isEmpty();
        settings.auditDays = 365;
        assertThat(settings.auditTrail()).contains(Duration.ofDays(365));
        settings.auditDays = 99_999;
        assertThat(settings.auditTrail()).contains(Duration.ofDays(2190));
    }

    @Test
    void batchesGoOnWhileFullAndAddUpPerOrganization() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<Map<UUID, Integer>> answers = new ArrayList<>(List.of(
                Map.of(a, 300, b, 200), // full: ask again
                mapOf(a, 10, null, 5), // not full: stop
                Map.of(a, 999)));
        List<Instant> asked = new ArrayList<>();

        Map<UUID, Long> deleted = RetentionPurge.batches((before, max) -> {
            asked.add(before);
            assertThat(max).isEqualTo(RetentionPurge.BATCH);
            return answers.remove(0);
        }, BEFORE);

        assertThat(asked).containsExactly(BEFORE, BEFORE);
        assertThat(deleted).containsEntry(a, 310L).containsEntry(b, 200L).containsEntry(null, 5L).hasSize(3);
    }

    @Test
    void aPurgeStopsAfterItsBatchesForTheHourEvenIfMoreIsDue() {
        int[] calls = {0};
        Map<UUID, Long> deleted = RetentionPurge.batches((before, max) -> {
            calls[0]++;
            return Map.of(new UUID(0, 1), max);
        }, BEFORE);

        assertThat(calls[0]).isEqualTo(RetentionPurge.MAX_BATCHES);
        assertThat(deleted).containsEntry(new UUID(0, 1), (long) RetentionPurge.BATCH * RetentionPurge.MAX_BATCHES);
    }

    @Test
    void nothingDueAsksOnce() {
        int[] calls = {0};
        assertThat(RetentionPurge.batches((before, max) -> {
            calls[0]++;
            return Map.of();
        }, BEFORE)).isEmpty();
        assertThat(calls[0]).isOne();
    }

    private static Map<UUID, Integer> mapOf(UUID k1, int v1, UUID k2, int v2) {
        Map<UUID, Integer> m = new HashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
