package org.openvisit.room.infrastructure.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.room.application.VisitChannel;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A data grid topic per visit ({@code openvisit-visit-<id>}): a node subscribes while it holds a socket of the
 * visit and delivers what it hears to its own sockets. Messages are plain text (no application class crosses the
 * grid). Listeners run on the grid's event threads with the application's class loader set, as on a request.
 * An ended visit's topic is destroyed a minute later, when its last messages are long delivered.
 */
@ApplicationScoped
public class GridVisitChannel implements VisitChannel {

    private static final Logger LOG = Logger.getLogger(GridVisitChannel.class.getName());
    private static final long RELEASE_AFTER_SECONDS = 60;

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance grid;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final ClassLoader application = GridVisitChannel.class.getClassLoader();

    private ITopic<String> topic(UUID visitId) {
        return grid.getTopic("openvisit-visit-" + visitId);
    }

    @Override
    public void publish(UUID visitId, String message) {
        topic(visitId).publish(message);
    }

    @Override
    public AutoCloseable subscribe(UUID visitId, Consumer<String> listener) {
        ITopic<String> topic = topic(visitId);
        UUID registration = topic.addMessageListener(m -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(application);
            try {
                listener.accept(m.getMessageObject());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A visit message could not be delivered", e);
            } finally {
                thread.setContextClassLoader(before);
            }
        });
        return () -> {
            try {
                topic.removeMessageListener(registration);
            } catch (RuntimeException e) { // the topic was released, or the grid is shutting down
                LOG.log(Level.FINE, "A visit topic listener could not be removed", e);
            }
        };
    }

    @Override
    public void release(UUID visitId) {
        scheduler.schedule(() -> {
            try {
                topic(visitId).destroy();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "A visit topic could not be destroyed", e);
            }
        }, RELEASE_AFTER_SECONDS, TimeUnit.SECONDS);
    }
}
