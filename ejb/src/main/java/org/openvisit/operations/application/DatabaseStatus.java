package org.openvisit.operations.application;

/** The answer of one real round trip to the database. */
public record DatabaseStatus(boolean reachable, String product, String schemaVersion, long responseMillis) {
}
