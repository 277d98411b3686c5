package org.openvisit.room.interfaces.websocket;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the server's default scheduled executor drop a cancelled task at once instead of keeping it queued until the
 * moment it was due.
 *
 * <p>Tyrus schedules every socket's idle check on that executor (the default managed scheduled executor) with the
 * idle timeout as its delay, and cancels it when the socket closes or a message moves it on. A cancelled task kept in
 * the queue holds its socket's session, and with it the HTTP request the socket was upgraded from, for the whole idle
 * timeout (60 s): 5,000 sockets refused at their opening (no browser session, a flood from one client in 21 s) held
 * 141 MiB of heap for a minute (2026-12-07; bench/refused-sockets.sh), enough for one client to fill a node's heap.
 * Payara's executor honours the pool's remove-on-cancel policy but offers no setting for it, so it is set here on the
 * pool behind the executor, found through the executor's fields (Payara's adapter, its implementation, the pool).
 * Nothing else changes: a cancelled task never runs either way.
 */
@WebListener
public class CancelledTimersLeaveTheQueue implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(CancelledTimersLeaveTheQueue.class.getName());
    /** How many fields deep the pool may be behind the executor handed out. */
    private static final int DEPTH = 3;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!removeCancelledTasks(scheduler)) {
            // another server: its sockets' cancelled idle checks may hold them until their timeout, as before
            LOG.warning(() -> "The default scheduled executor's pool was not found ("
                    + (scheduler == null ? "none" : scheduler.getClass().getName())
                    + "): a closed signalling socket's session is kept until its idle timeout");
        }
    }

    /** Sets the remove-on-cancel policy of the pool behind {@code executor}; whether one was found. */
    static boolean removeCancelledTasks(Object executor) {
        Optional<ScheduledThreadPoolExecutor> pool = pool(executor, DEPTH);
        pool.ifPresent(p -> p.setRemoveOnCancelPolicy(true));
        return pool.isPresent();
    }

    /** The pool behind {@code executor}: the executor itself, or one its fields hold, at most {@code depth} steps in. */
    static Optional<ScheduledThreadPoolExecutor> pool(Object executor, int depth) {
        if (executor instanceof ScheduledThreadPoolExecutor pool) {
            return Optional.of(pool);
        }
        if (executor == null || depth == 0) {
            return Optional.empty();
        }
        for (Class<?> type = executor.getClass(); type != null && !type.getName().startsWith("java."); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || !java.util.concurrent.Executor.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                Optional<ScheduledThreadPoolExecutor> found = pool(read(field, executor), depth - 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (RuntimeException | IllegalAccessException e) { // a field the platform does not open to us
            LOG.log(Level.FINE, "Not readable: " + field, e);
            return null;
        }
    }
}
