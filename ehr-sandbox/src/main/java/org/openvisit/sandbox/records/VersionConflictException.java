package org.openvisit.sandbox.records;

/** A change was based on a version of a resource that is no longer the current one. */
public class VersionConflictException extends RuntimeException {

    public VersionConflictException(String message) {
        super(message);
    }
}
