package org.openvisit.report.interfaces.web;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.openvisit.report.application.ExportCursor;
import org.openvisit.report.application.ReportRow;
import org.openvisit.report.domain.model.ReportStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.zip.Deflater;

/**
 * The filtered visits table as an Excel workbook, with Apache POI's deferred streaming workbook: the rows are made
 * while the workbook is written, only {@link #WINDOW} of them in memory, and their XML goes straight into the zip that
 * is the response (no temporary file). Times are real date cells in the viewer's zone, durations numbers of seconds,
 * the status a word; a value a visit does not have is no cell.
 */
public final class XlsxReportExport {

    static final int WINDOW = 100;
    /**
     * The zip's compression level: the fastest. Deflating the sheet's XML at zip's default level (6) took half of the
     * export's time; level 1 halves that for a file about 30 % larger (24.8 MB instead of 19.0 MB for 120,000 rows,
     * bench/README.md).
     */
    static final int ZIP_LEVEL = Deflater.BEST_SPEED;
    private static final int MAX_ROWS = 1_048_575; // Excel's limit, less the heading

    private XlsxReportExport() {
    }

    /** @return how many rows were written */
    public static long write(OutputStream out, RowSource rows, ReportText.Texts texts, ZoneId zone) throws IOException {
        return write(out, rows, texts, zone, ReportColumn.all());
    }

    /** These columns; @return how many rows were written */
    static long write(OutputStream out, RowSource rows, ReportText.Texts texts, ZoneId zone,
                      java.util.List<ReportColumn> chosen) throws IOException {
        try (DeferredSXSSFWorkbook workbook = new Workbook(ZIP_LEVEL)) {
            DeferredSXSSFSheet sheet = workbook.createSheet(texts.get("table.label"));
            CellStyle heading = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            heading.setFont(bold);
            CellStyle time = workbook.createCellStyle();
            time.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            sheet.createFreezePane(0, 1);
            ReportColumn[] columns = chosen.toArray(new ReportColumn[0]);
            // the first chunk before a byte is written: a store that cannot be reached is still an error page
            ExportCursor first = rows.after(null, null);
            long[] written = {0};
            // the rows are made while the workbook is written: the sheet's XML goes straight into the zip, no
            // temporary file written and read again
            sheet.setRowGenerator(s -> written[0] = writeRows(s, first, rows, columns, texts, zone, heading,
                    time));
            try {
                workbook.writeAvoidingTempFiles(out);
            } catch (IOException e) {
                // POI wraps what the row source threw (a regional store that cannot be reached): let it through
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
            out.flush();
            return written[0];
        }
    }

    private static long writeRows(SXSSFSheet sheet, ExportCursor first, RowSource rows, ReportColumn[] columns,
                                  ReportText.Texts texts, ZoneId zone, CellStyle heading, CellStyle time) {
        Row head = sheet.createRow(0);
        for (int i = 0; i < columns.length; i++) {
            Cell cell = head.createCell(i);
            cell.setCellValue(columns[i].header(texts));
            cell.setCellStyle(heading);
        }
        int r = 0;
        ExportCursor chunk = first;
        while (true) {
            for (ReportRow row : chunk.rows()) {
                if (r >= MAX_ROWS) {
                    break;
                }
                Row line = sheet.createRow(++r);
                for (int i = 0; i < columns.length; i++) {
                    Object value = columns[i].of(row, texts);
                    if (value != null) { // nothing: no cell (an empty cell, as before, without its XML)
                        put(line.createCell(i), value, texts, zone, time);
                    }
                }
            }
            if (!chunk.hasMore() || r >= MAX_ROWS) {
                return r;
            }
            chunk = rows.after(chunk.nextAfterAt(), chunk.nextAfterId());
        }
    }

    /** POI's deferred streaming workbook, zipped at the given level. */
    private static final class Workbook extends DeferredSXSSFWorkbook {

        private final int zipLevel;

        Workbook(int zipLevel) {
            super(WINDOW);
            this.zipLevel = zipLevel;
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(zipLevel);
            return zip;
        }
    }

    private static void put(Cell cell, Object value, ReportText.Texts texts, ZoneId zone, CellStyle time) {
        if (value instanceof Instant t) {
            cell.setCellValue(t.atZone(zone).toLocalDateTime().withNano(0));
            cell.setCellStyle(time);
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value instanceof ReportStatus s) {
            cell.setCellValue(texts.status(s));
        } else {
            cell.setCellValue(value.toString());
        }
    }
}
