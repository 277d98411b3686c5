package org.openvisit.report.interfaces.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvisit.report.application.ExportCursor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefetchingRowSourceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Chunks of no rows, numbered by their cursor's minute: n chunks; says which chunk was asked for, and when. */
    private static final class Numbered implements RowSource {
        final BlockingQueue<Integer> asked = new LinkedBlockingQueue<>();
        final int chunks;
        RuntimeException failAt3;

        Numbered(int chunks) {
            this.chunks = chunks;
        }

        @Override
        public ExportCursor after(Instant afterAt, UUID afterId) {
            int n = afterAt == null ? 0 : (int) ((afterAt.getEpochSecond() - T0.getEpochSecond()) / 60) + 1;
            asked.add(n);
            if (n == 3 && failAt3 != null) {
                throw failAt3;
            }
            boolean more = n + 1 < chunks;
            return new ExportCursor(List.of(), more ? T0.plusSeconds(60L * n) : null,
                    more ? new UUID(0, n) : null);
        }
    }

    private static List<Integer> walk(RowSource rows) {
        List<Integer> seen = new ArrayList<>();
        ExportCursor chunk = rows.after(null, null);
        seen.add(0);
        while (chunk.hasMore()) {
            seen.add((int) ((chunk.nextAfterAt().getEpochSecond() - T0.getEpochSecond()) / 60) + 1);
            chunk = rows.after(chunk.nextAfterAt(), chunk.nextAfterId());
        }
        return seen;
    }

    @Test
    void theNextChunkIsAskedForBeforeTheWriterWantsIt() throws Exception {
        Numbered source = new Numbered(3);
        try (PrefetchingRowSource rows = new PrefetchingRowSource(source, executor)) {
            ExportCursor first = rows.after(null, null);
            assertThat(source.asked.poll(10, TimeUnit.SECONDS)).isZero();
            assertThat(source.asked.poll(10, TimeUnit.SECONDS)).as("read ahead while the first is written")
                    .isEqualTo(1);
            ExportCursor second = rows.after(first.nextAfterAt(), first.nextAfterId());
            assertThat(source.asked.poll(10, TimeUnit.SECONDS)).as("and the one after").isEqualTo(2);
            ExportCursor third = rows.after(second.nextAfterAt(), second.nextAfterId());
            assertThat(third.hasMore()).isFalse();
        }
        assertThat(source.asked).as("each chunk asked for once, none after the last").isEmpty();
    }

    @Test
    void everyChunkComesOnceInOrder() {
        Numbered direct = new Numbered(7);
        Numbered ahead = new Numbered(7);
        try (PrefetchingRowSource rows = new PrefetchingRowSource(ahead, executor)) {
            assertThat(walk(rows)).isEqualTo(walk(direct)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        }
        assertThat(new ArrayList<>(ahead.asked)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void whatTheSourceThrewComesOutOfTheCallThatWantedThatChunk() {
        Numbered source = new Numbered(6);
        source.failAt3 = new IllegalStateException("the regional store cannot be reached");
        try (PrefetchingRowSource rows = new PrefetchingRowSource(source, executor)) {
            ExportCursor c = rows.after(null, null);
            c = rows.after(c.nextAfterAt(), c.nextAfterId());
            c = rows.after(c.nextAfterAt(), c.nextAfterId()); // chunk 2; chunk 3 fails ahead
            ExportCursor last = c;
            assertThatThrownBy(() -> rows.after(last.nextAfterAt(), last.nextAfterId())).isSameAs(source.failAt3);
        }
    }

    @Test
    void aCursorOtherThanTheOneReadAheadIsAskedForDirectly() throws Exception {
        Numbered source = new Numbered(5);
        try (PrefetchingRowSource rows = new PrefetchingRowSource(source, executor)) {
            rows.after(null, null);
            assertThat(source.asked.poll(10, TimeUnit.SECONDS)).isZero();
            assertThat(source.asked.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
            ExportCursor fourth = rows.after(T0.plusSeconds(60L * 2), new UUID(0, 2));
            assertThat(source.asked.poll(10, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(fourth.nextAfterAt()).isEqualTo(T0.plusSeconds(60L * 3));
        }
    }
}
