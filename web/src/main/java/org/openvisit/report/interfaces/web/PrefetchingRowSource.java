package org.openvisit.report.interfaces.web;

import org.openvisit.report.application.ExportCursor;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A row source that reads the next chunk while the writer writes the one it was handed: after a chunk that has more,
 * it asks its source for the next one on the executor's thread, so that the database's read and the file's writing
 * overlap. One chunk ahead at most, so an export holds two chunks whatever its length. What the source throws comes
 * out of the {@link #after} call that wanted that chunk, as it was thrown. Close it when the writer stops (a chunk
 * read ahead and not wanted is dropped).
 */
public final class PrefetchingRowSource implements RowSource, AutoCloseable {

    private final RowSource source;
    private final Executor executor;
    private CompletableFuture<ExportCursor> ahead;
    private Instant aheadAt;
    private UUID aheadId;

    public PrefetchingRowSource(RowSource source, Executor executor) {
        this.source = source;
        this.executor = executor;
    }

    @Override
    public ExportCursor after(Instant afterAt, UUID afterId) {
        ExportCursor chunk;
        if (ahead != null && Objects.equals(afterAt, aheadAt) && Objects.equals(afterId, aheadId)) {
            CompletableFuture<ExportCursor> next = ahead;
            ahead = null;
            chunk = join(next);
        } else {
            close();
            chunk = source.after(afterAt, afterId);
        }
        if (chunk.hasMore()) {
            Instant at = chunk.nextAfterAt();
            UUID id = chunk.nextAfterId();
            aheadAt = at;
            aheadId = id;
            ahead = CompletableFuture.supplyAsync(() -> source.after(at, id), executor);
        }
        return chunk;
    }

    private static ExportCursor join(CompletableFuture<ExportCursor> next) {
        try {
            return next.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(false);
            ahead = null;
        }
    }
}
