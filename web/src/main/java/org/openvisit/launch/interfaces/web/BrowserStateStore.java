package org.openvisit.launch.interfaces.web;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where browsers' states are kept, as bytes under a key that names no cookie: shared by every node (Payara's data
 * grid in production, {@code launch.infrastructure.grid}), so a browser may reach any node.
 */
public interface BrowserStateStore {

    Optional<byte[]> read(String key);

    /** Runs {@code step} holding the key's lock on every node: two requests of one browser never race. */
    <T> T locked(String key, Supplier<T> step);

    void write(String key, byte[] state);

    void remove(String key);
}
