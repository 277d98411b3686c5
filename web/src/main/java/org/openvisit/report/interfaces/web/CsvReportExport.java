package org.openvisit.report.interfaces.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openvisit.report.application.ExportCursor;
import org.openvisit.report.application.ReportRow;
import org.openvisit.report.domain.model.ReportStatus;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.time.format.DateTimeFormatter;

/**
 * The filtered visits table as CSV (RFC 4180, Apache Commons CSV), written chunk by chunk as the rows come: constant
 * memory for any length. Times as ISO 8601 with the viewer's offset; a text that a spreadsheet would take for a
 * formula (=, +, -, @ first) gets a leading apostrophe.
 */
public final class CsvReportExport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private CsvReportExport() {
    }

    /** Every column; @return how many rows were written */
    public static long write(Writer out, RowSource rows, ReportText.Texts texts, ZoneId zone) throws IOException {
        return write(out, rows, texts, zone, ReportColumn.all());
    }

    /** These columns; @return how many rows were written */
    static long write(Writer out, RowSource rows, ReportText.Texts texts, ZoneId zone, List<ReportColumn> columns)
            throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180);
        for (ReportColumn c : columns) {
            csv.print(c.header(texts));
        }
        csv.println();
        long written = 0;
        ExportCursor chunk = rows.after(null, null);
        while (true) {
            for (ReportRow row : chunk.rows()) {
                for (ReportColumn c : columns) {
                    csv.print(cell(c.of(row, texts), texts, zone));
                }
                csv.println();
                written++;
            }
            csv.flush();
            if (!chunk.hasMore()) {
                return written;
            }
            chunk = rows.after(chunk.nextAfterAt(), chunk.nextAfterId());
        }
    }

    private static Object cell(Object value, ReportText.Texts texts, ZoneId zone) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant t) {
            return TIME.format(t.atZone(zone).toOffsetDateTime().withNano(0));
        }
        if (value instanceof ReportStatus s) {
            return texts.status(s);
        }
        if (value instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return value;
    }
}
