package org.openvisit.launch.interfaces.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A browser's state as bytes for the data grid. Read back through a filter that admits only OpenVisit's and the
 * JDK's classes, a bounded depth and size: bytes that some other member or a fault put there can never make an
 * arbitrary object. Bytes that cannot be read (an older, incompatible version after an upgrade) are no state.
 */
final class BrowserStateCodec {

    private static final Logger LOG = Logger.getLogger(BrowserStateCodec.class.getName());
    static final int MAX_BYTES = 256 * 1024;
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxbytes=" + MAX_BYTES + ";maxdepth=20;maxrefs=20000;maxarray=100000;"
                    + "org.openvisit.**;java.lang.*;java.util.*;java.net.URI;java.time.*;!*");

    private BrowserStateCodec() {
    }

    static byte[] write(BrowserLaunchState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new UncheckedIOException("A browser's state could not be written", e);
        }
        return bytes.toByteArray();
    }

    static Optional<BrowserLaunchState> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(FILTER);
            return in.readObject() instanceof BrowserLaunchState state ? Optional.of(state) : Optional.empty();
        } catch (InvalidClassException | ClassNotFoundException e) {
            LOG.fine(() -> "A browser's state of another version was left aside: " + e);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "A browser's state could not be read and was left aside: " + e.getClass().getName());
            return Optional.empty();
        }
    }
}
