package org.openvisit.audit.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One store's audit trail: appended to, searched a page at a time in the database, purged past its retention. */
public interface AuditTrailRepository<T extends AuditRecord> {

    void add(T record);

    /** A page of the events the filter wants, in the given order, then by id. */
    List<T> search(AuditFilter filter, AuditSort sort, boolean ascending, int first, int max);

    long count(AuditFilter filter);

    /**
     * Deletes up to {@code max} events recorded before {@code before}, taking only rows no other transaction holds.
     *
     * @return how many were deleted, per organization ({@code null} key: the installation's)
     */
    Map<UUID, Integer> deleteBefore(Instant before, int max);
}
