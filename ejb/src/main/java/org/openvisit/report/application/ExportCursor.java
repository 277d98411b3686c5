package org.openvisit.report.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A chunk of an export and where the next one starts ({@code null} at the end). Exports walk the filtered visits in
 * (report time, visit id) order, one chunk per call, so that no call holds more than one chunk.
 */
public record ExportCursor(List<ReportRow> rows, Instant nextAfterAt, UUID nextAfterId) {

    public boolean hasMore() {
        return nextAfterAt != null;
    }
}
