package org.openvisit.room.application;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The messages between the people of one visit, to every node that holds a socket of the visit (a port; the
 * adapter is a data grid topic per visit). Every subscriber gets every message of the visit, its own included,
 * in the order one node published them.
 */
public interface VisitChannel {

    void publish(UUID visitId, String message);

    /** Starts hearing the visit's messages; closing the answer stops it. */
    AutoCloseable subscribe(UUID visitId, Consumer<String> listener);

    /** The visit is over: its channel may be released once the last messages are out. */
    void release(UUID visitId);
}
