package org.openvisit.report.interfaces.web;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one small workbook in the background the first time someone opens the reports page, so that the first
 * .xlsx export of a server's life does not also pay for loading and compiling Apache POI and its XML classes (a
 * one-row workbook took 4.4 s in a fresh JVM on a busy 2-core machine, bench/README.md). Nothing is kept.
 */
@ApplicationScoped
public class SpreadsheetWarmUp {

    private static final Logger LOG = Logger.getLogger(SpreadsheetWarmUp.class.getName());

    private final AtomicBoolean started = new AtomicBoolean();

    @Resource
    private ManagedExecutorService executor;

    /** Starts the warm-up once per server; later calls do nothing. */
    public void once() {
        once(executor);
    }

    void once(java.util.concurrent.Executor on) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        try {
            on.execute(() -> writeOneWorkbook(OutputStream.nullOutputStream()));
        } catch (RejectedExecutionException e) {
            started.set(false); // a busy executor: the next page view tries again
        }
    }

    static void writeOneWorkbook(OutputStream out) {
        try (DeferredSXSSFWorkbook workbook = new DeferredSXSSFWorkbook(XlsxReportExport.WINDOW)) {
            DeferredSXSSFSheet sheet = workbook.createSheet("warm-up");
            sheet.setRowGenerator(s -> {
                var row = s.createRow(0);
                row.createCell(0).setCellValue("visit");
                row.createCell(1).setCellValue(1.5);
                row.createCell(2).setCellValue(java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
            });
            workbook.writeAvoidingTempFiles(out);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "The spreadsheet warm-up did not finish; the first export loads POI itself", e);
        }
    }
}
