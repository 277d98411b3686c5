package org.openvisit.writeback.application;

import jakarta.ejb.ApplicationException;

/** No such write-back item on that endpoint. */
@ApplicationException(rollback = true)
public class WriteBackItemNotFoundException extends RuntimeException {

    public WriteBackItemNotFoundException() {
        super("This endpoint has no such write-back item.");
    }
}
