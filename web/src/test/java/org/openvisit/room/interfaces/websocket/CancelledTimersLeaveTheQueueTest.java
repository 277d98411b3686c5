package org.openvisit.room.interfaces.websocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CancelledTimersLeaveTheQueueTest {

    private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aCancelledTaskLeavesTheQueueOfThePoolBehindTwoWrappers() {
        // as Payara hands it out: an adapter holding the implementation holding the pool
        Wrapper adapter = new Wrapper(new Wrapper(pool));
        ScheduledFuture<?> idleCheck = pool.schedule(() -> { }, 60, TimeUnit.SECONDS);
        idleCheck.cancel(false);
        assertThat(pool.getQueue()).as("before: kept until due").hasSize(1);

        assertThat(CancelledTimersLeaveTheQueue.removeCancelledTasks(adapter)).isTrue();

        pool.purge(); // the one cancelled before the policy was set
        ScheduledFuture<?> next = pool.schedule(() -> { }, 60, TimeUnit.SECONDS);
        next.cancel(false);
        assertThat(pool.getQueue()).isEmpty();
        assertThat(pool.getRemoveOnCancelPolicy()).isTrue();
    }

    @Test
    void aPoolDeeperThanItLooksIsNotFoundAndNothingFails() {
        Wrapper deep = new Wrapper(new Wrapper(new Wrapper(new Wrapper(pool))));

        assertThat(CancelledTimersLeaveTheQueue.removeCancelledTasks(deep)).isFalse();
        assertThat(CancelledTimersLeaveTheQueue.removeCancelledTasks(null)).isFalse();
        assertThat(CancelledTimersLeaveTheQueue.removeCancelledTasks(new Wrapper(null))).isFalse();
        assertThat(pool.getRemoveOnCancelPolicy()).isFalse();
    }

    @Test
    void theExecutorItselfMayBeThePool() {
        assertThat(CancelledTimersLeaveTheQueue.removeCancelledTasks(pool)).isTrue();
        assertThat(pool.getRemoveOnCancelPolicy()).isTrue();
    }

    /** An executor that hands its work to another, as a platform's adapters do (a private field, like theirs). */
    private static final class Wrapper extends AbstractExecutorService {
        private static final ExecutorService UNRELATED_STATIC = null;
        private final String name = "not an executor";
        private final ExecutorService inner;

        Wrapper(ExecutorService inner) {
            this.inner = inner;
        }

        @Override
        public void shutdown() {
        }

        @Override
        public java.util.List<Runnable> shutdownNow() {
            return java.util.List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }

        @Override
        public void execute(Runnable command) {
            inner.execute(command);
        }
    }
}
