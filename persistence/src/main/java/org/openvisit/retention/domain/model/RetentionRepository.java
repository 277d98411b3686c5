package org.openvisit.retention.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Deletes a regional store's data past its retention, in bounded batches, and keeps the record of each purge. */
public interface RetentionRepository {

    /**
     * Deletes up to {@code max} visits created before {@code before} (of one organization, or of all: {@code null}),
     * each with its participants, events, call-quality aggregates, report summary and write-back tasks and attempts.
     *
     * @return how many visits were deleted, per organization
     */
    Map<UUID, Integer> deleteVisitsCreatedBefore(UUID organizationId, Instant before, int max);

    /**
     * Deletes up to {@code max} launch audit rows from before {@code before} (of one organization, or of all:
     * {@code null}).
     *
     * @return how many rows were deleted, per organization ({@code null} key: refusals that name no organization)
     */
    Map<UUID, Integer> deleteLaunchAuditBefore(UUID organizationId, Instant before, int max);

    void add(RetentionRun run);

    /** The organization's latest purge that deleted something. */
    Optional<RetentionRun> latest(UUID organizationId);

    /** Up to {@code max} purges of the store, newest first. */
    List<RetentionRun> recent(int max);
}
