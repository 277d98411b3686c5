package org.openvisit.audit.interfaces.web;

import org.openvisit.audit.application.AuditEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A FHIR Bundle of type {@code collection} written as its AuditEvents come, a chunk at a time (constant memory for
 * any length): the envelope here, each event as the FHIR parser wrote it.
 */
final class AuditJson {

    private final Writer out;
    private final Function<AuditEntry, String> event;
    private boolean started;
    private boolean first = true;

    AuditJson(Writer out, Function<AuditEntry, String> event) {
        this.out = out;
        this.event = event;
    }

    void write(List<AuditEntry> chunk) {
        try {
            start();
            for (AuditEntry entry : chunk) {
                out.write(first ? "\n" : ",\n");
                first = false;
                out.write("{\"fullUrl\":\"urn:uuid:" + entry.id() + "\",\"resource\":" + event.apply(entry) + "}");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() throws IOException {
        start();
        out.write("\n]}\n");
    }

    private void start() throws IOException {
        if (!started) {
            started = true;
            out.write("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\"" + Instant.now()
                    + "\",\"entry\":[");
        }
    }
}
