package org.openvisit.report.interfaces.web;

import org.openvisit.report.application.ExportCursor;

import java.time.Instant;
import java.util.UUID;

/** Where an export takes its rows from: one chunk at a time, after the last row of the previous one. */
@FunctionalInterface
public interface RowSource {

    ExportCursor after(Instant afterAt, UUID afterId);
}
