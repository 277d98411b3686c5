package org.openvisit.writeback.application;

import org.openvisit.writeback.domain.model.DeliveredTasks.Finished;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Group commit for finished deliveries. A delivery thread hands its outcome in and waits; while one
 * transaction records, the outcomes that finish meanwhile queue up, and the next waiting thread records
 * all of them in one transaction (at most {@code max}). A lone delivery is recorded at once, so nothing
 * waits for a timer. When a group's transaction fails, its outcomes are recorded one by one, so that
 * one bad outcome cannot take the others down with it.
 */
final class OutcomeRecorder {

    private final Function<List<Finished>, List<RecordedDelivery>> store;
    private final int max;
    private final ArrayDeque<Handed> queue = new ArrayDeque<>();
    private boolean recording;

    /**
     * @param store records a group in one transaction and answers in the same order
     * @param max   most outcomes in one transaction
     */
    OutcomeRecorder(Function<List<Finished>, List<RecordedDelivery>> store, int max) {
        this.store = Objects.requireNonNull(store, "store");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
    }

    private static final class Handed {
        final Finished finished;
        RecordedDelivery result;
        RuntimeException failure;
        boolean done;

        Handed(Finished finished) {
            this.finished = finished;
        }
    }

    /**
     * Records a finished delivery, alone or with others that finished at the same time.
     *
     * @throws RuntimeException the outcome could not be stored (the lease runs out and the task is tried again)
     */
    RecordedDelivery delivered(Finished finished) {
        Handed mine = new Handed(Objects.requireNonNull(finished, "finished"));
        synchronized (this) {
            queue.addLast(mine);
        }
        while (true) {
            List<Handed> group = new ArrayList<>();
            synchronized (this) {
                while (recording && !mine.done) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while the outcome was being recorded.", e);
                    }
                }
                if (mine.done) {
                    return resultOf(mine);
                }
                recording = true;
                while (group.size() < max && !queue.isEmpty()) {
                    group.add(queue.pollFirst());
                }
            }
            try {
                record(group);
            } finally {
                synchronized (this) {
                    group.forEach(h -> h.done = true);
                    recording = false;
                    notifyAll();
                }
            }
        }
    }

    private void record(List<Handed> group) {
        try {
            List<RecordedDelivery> results = store.apply(group.stream().map(h -> h.finished).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result = results.get(i);
            }
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                group.get(0).failure = groupFailed;
                return;
            }
            for (Handed h : group) {
                try {
                    h.result = store.apply(List.of(h.finished)).get(0);
                } catch (RuntimeException failed) {
                    h.failure = failed;
                }
            }
        }
    }

    private static RecordedDelivery resultOf(Handed h) {
        if (h.failure != null) {
            throw h.failure;
        }
        return h.result;
    }
}
