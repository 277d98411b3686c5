package org.openvisit.audit.interfaces.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openvisit.audit.application.AuditEntry;
import org.openvisit.audit.domain.model.AuditFact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The audit search as CSV (RFC 4180, Apache Commons CSV), written as the chunks come: headers and kinds, outcomes and
 * actors as words in the reader's language, the codes beside them for programs, times as ISO 8601 with the reader's
 * offset; a text a spreadsheet would take for a formula (=, +, -, @ first: a typed username, say) gets an apostrophe.
 */
final class AuditCsv {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final String[] HEADERS = {"column.time", "column.kind", "column.kindCode", "column.outcome",
        "column.outcomeCode", "column.actorType", "column.actor", "column.address", "column.organization",
        "column.visit", "column.endpoint", "column.detail", "column.forwarding"};

    private final CSVPrinter csv;
    private final AuditText.Texts texts;
    private final ZoneId zone;

    AuditCsv(Writer out, AuditText.Texts texts, ZoneId zone) throws IOException {
        this.csv = new CSVPrinter(out, CSVFormat.RFC4180);
        this.texts = texts;
        this.zone = zone;
        for (String header : HEADERS) {
            csv.print(texts.get(header));
        }
        csv.println();
    }

    void write(List<AuditEntry> chunk) {
        try {
            for (AuditEntry entry : chunk) {
                AuditFact f = entry.fact();
                csv.printRecord(TIME.format(entry.recordedAt().atZone(zone).toOffsetDateTime().withNano(0)),
                        texts.kind(f.kind()), f.kind().name(), texts.outcome(f.outcome()), f.outcome().fhirCode(),
                        texts.actor(f.actor().type()), safe(f.actor().id()), safe(f.sourceAddress()),
                        text(f.organizationId()), text(f.visitId()), text(f.endpointId()), safe(f.detail()),
                        texts.forward(entry.forwardState()));
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static String safe(String s) {
        if (s == null) {
            return "";
        }
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
