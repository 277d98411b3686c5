package org.openvisit.launch.infrastructure.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.launch.interfaces.web.BrowserStateStore;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Browsers' states in Payara's data grid, map {@value #MAP}: bytes only (no application class in the grid, so a
 * member never needs OpenVisit's class loader to hold them), one backup copy on another member (Hazelcast's default),
 * so a node's death loses no launch and no room pass. An entry goes after {@value #IDLE_HOURS} hours without use
 * and at the latest {@value #KEEP_HOURS} hours after its last change. With one node (or {@code --nocluster}) the
 * grid is local.
 */
@ApplicationScoped
public class GridBrowserStateStore implements BrowserStateStore {

    static final String MAP = "openvisit-browsers";
    static final long IDLE_HOURS = 4;
    static final long KEEP_HOURS = 24;
    private static final long LOCK_WAIT_SECONDS = 10;
    private static final long LOCK_LEASE_SECONDS = 30;

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance grid;

    private IMap<String, byte[]> browsers() {
        return grid.getMap(MAP);
    }

    @Override
    public Optional<byte[]> read(String key) {
        return Optional.ofNullable(browsers().get(key));
    }

    @Override
    public <T> T locked(String key, Supplier<T> step) {
        IMap<String, byte[]> browsers = browsers();
        boolean locked;
        try {
            locked = browsers.tryLock(key, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            throw new IllegalStateException("This browser's state is busy in another request");
        }
        try {
            return step.get();
        } finally {
            browsers.unlock(key);
        }
    }

    @Override
    public void write(String key, byte[] state) {
        browsers().set(key, state, KEEP_HOURS, TimeUnit.HOURS, IDLE_HOURS, TimeUnit.HOURS);
    }

    @Override
    public void remove(String key) {
        browsers().delete(key);
    }
}
