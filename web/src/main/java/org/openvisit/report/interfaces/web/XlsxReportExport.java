package org.openvisit.report.interfaces.web;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.openvisit.report.application.ExportCursor;
import org.openvisit.report.application.ReportRow;
import org.openvisit.report.domain.model.ReportStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The filtered visits table as an Excel workbook, with Apache POI's streaming workbook: only {@link #WINDOW} rows are
 * kept in memory, the rest go to a temporary file (about 1.3 KB a row) that is deleted when the workbook closes. Times are real date cells
 * in the viewer's zone, durations numbers of seconds, the status a word.
 */
public final class XlsxReportExport {

    static final int WINDOW = 100;
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
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW)) {
            // plain temporary files: about 1.3 KB of disk per row until the workbook closes, and 40% less time than
            // gzipped ones (12.4 s against 7.6 s for 120,000 rows of 25 columns, bench/README.md)
            workbook.setCompressTempFiles(false);
            SXSSFSheet sheet = workbook.createSheet(texts.get("table.label"));
            CellStyle heading = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            heading.setFont(bold);
            CellStyle time = workbook.createCellStyle();
            time.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Row head = sheet.createRow(0);
            ReportColumn[] columns = chosen.toArray(new ReportColumn[0]);
            for (int i = 0; i < columns.length; i++) {
                Cell cell = head.createCell(i);
                cell.setCellValue(columns[i].header(texts));
                cell.setCellStyle(heading);
            }
            sheet.createFreezePane(0, 1);
            int r = 0;
            ExportCursor chunk = rows.after(null, null);
            while (true) {
                for (ReportRow row : chunk.rows()) {
                    if (r >= MAX_ROWS) {
                        break;
                    }
                    Row line = sheet.createRow(++r);
                    for (int i = 0; i < columns.length; i++) {
                        put(line.createCell(i), columns[i].of(row, texts), texts, zone, time);
                    }
                }
                if (!chunk.hasMore() || r >= MAX_ROWS) {
                    break;
                }
                chunk = rows.after(chunk.nextAfterAt(), chunk.nextAfterId());
            }
            workbook.write(out);
            out.flush();
            return r;
        }
    }

    private static void put(Cell cell, Object value, ReportText.Texts texts, ZoneId zone, CellStyle time) {
        if (value == null) {
            cell.setBlank();
        } else if (value instanceof Instant t) {
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
