package org.openvisit.writeback.application;

import org.junit.jupiter.api.Test;
import org.openvisit.writeback.domain.model.DeliveredTasks.Finished;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutcomeRecorderTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Finished finished() {
        return new Finished(UUID.randomUUID(), T0, T0.plusMillis(40));
    }

    private static RecordedDelivery recorded(Finished f) {
        return new RecordedDelivery(f.taskId(), true, null);
    }

    @Test
    void aLoneOutcomeIsRecordedAtOnceInItsOwnTransaction() {
        List<List<Finished>> transactions = new ArrayList<>();
        OutcomeRecorder recorder = new OutcomeRecorder(group -> {
            transactions.add(group);
            return group.stream().map(OutcomeRecorderTest::recorded).toList();
        }, 16);
        Finished f = finished();
        assertThat(recorder.delivered(f).taskId()).isEqualTo(f.taskId());
        assertThat(transactions).containsExactly(List.of(f));
    }

    @Test
    void outcomesThatFinishWhileATransactionRunsAreRecordedTogetherAndEachGetsItsOwnAnswer() throws Exception {
        List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch othersHandedIn = new CountDownLatch(1);
        OutcomeRecorder recorder = new OutcomeRecorder(group -> {
            groupSizes.add(group.size());
            firstStarted.countDown();
            try {
                othersHandedIn.await(5, TimeUnit.SECONDS); // the first transaction is slow
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return group.stream().map(OutcomeRecorderTest::recorded).toList();
        }, 4);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Finished first = finished();
            Future<RecordedDelivery> firstResult = pool.submit(() -> recorder.delivered(first));
            assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
            List<Finished> others = new ArrayList<>();
            List<Future<RecordedDelivery>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Finished f = finished();
                others.add(f);
                results.add(pool.submit(() -> recorder.delivered(f)));
            }
            Thread.sleep(200); // all eight wait behind the first transaction
            othersHandedIn.countDown();
            assertThat(firstResult.get(5, TimeUnit.SECONDS).taskId()).isEqualTo(first.taskId());
            for (int i = 0; i < 8; i++) {
                assertThat(results.get(i).get(5, TimeUnit.SECONDS).taskId()).isEqualTo(others.get(i).taskId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(groupSizes).containsExactly(1, 4, 4); // nine outcomes, three transactions, at most four in one
    }

    @Test
    void whenAGroupFailsEachOutcomeIsRecordedAloneSoOneBadOutcomeDoesNotTakeTheOthersDown() throws Exception {
        Finished bad = finished();
        List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        Function<List<Finished>, List<RecordedDelivery>> store = group -> {
            groupSizes.add(group.size());
            if (group.size() == 1 && groupSizes.size() == 1) {
                try {
                    release.await(5, TimeUnit.SECONDS); // hold the first so that the rest form one group
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (group.contains(bad)) {
                throw new IllegalStateException("the database refused the group");
            }
            return group.stream().map(OutcomeRecorderTest::recorded).toList();
        };
        OutcomeRecorder recorder = new OutcomeRecorder(store, 16);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<RecordedDelivery> first = pool.submit(() -> recorder.delivered(finished()));
            Thread.sleep(100);
            Finished good1 = finished();
            Finished good2 = finished();
            Future<RecordedDelivery> r1 = pool.submit(() -> recorder.delivered(good1));
            Future<RecordedDelivery> rBad = pool.submit(() -> recorder.delivered(bad));
            Future<RecordedDelivery> r2 = pool.submit(() -> recorder.delivered(good2));
            Thread.sleep(200);
            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            assertThat(r1.get(5, TimeUnit.SECONDS).recorded()).isTrue();
            assertThat(r2.get(5, TimeUnit.SECONDS).recorded()).isTrue();
            assertThatThrownBy(() -> rBad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(groupSizes).containsExactly(1, 3, 1, 1, 1);
    }
}
