import org.openvisit.report.application.ExportCursor;
import org.openvisit.report.application.ReportRow;
import org.openvisit.report.domain.model.DeviceTestResult;
import org.openvisit.report.domain.model.QualityVerdict;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.report.domain.model.VisitQuality;
import org.openvisit.report.domain.model.WriteBackState;
import org.openvisit.report.interfaces.web.CsvReportExport;
import org.openvisit.report.interfaces.web.PrefetchingRowSource;
import org.openvisit.report.interfaces.web.ReportText;
import org.openvisit.report.interfaces.web.RowSource;
import org.openvisit.report.interfaces.web.XlsxReportExport;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The exports' writers alone, without server or database (bench/reports.sh times them over HTTP): ROWS synthetic
 * rows of every column (the mix of bench/reports-queries-seed.sql) handed out 1,000 at a time, each chunk after a pause of
 * {@code -DchunkMillis} (default 0) that stands for the database's read of a chunk, written as CSV and as .xlsx to a
 * stream that counts and drops the bytes, the next chunk read ahead on another thread as the server does
 * ({@code -Dprefetch=false}: in the writer's thread, as before). Prints the time of each, best of {@code -Drounds}
 * (default 3) after one warm-up; {@code -DwarmRows=N}: first a workbook of N rows, timed (what loading POI costs).
 * Run with the web module's classes and dependencies on the class path:
 * {@code java -cp <classes:jars> bench/XlsxExportBench.java 120000}. Asserts nothing.
 */
public class XlsxExportBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 120_000;
        long pause = Long.getLong("chunkMillis", 0);
        int rounds = Integer.getInteger("rounds", 3);
        String only = System.getProperty("format", "csv,xlsx");
        boolean prefetch = Boolean.parseBoolean(System.getProperty("prefetch", "true"));
        List<ReportRow> rows = rows(Math.min(n, 1000));
        ReportText.Texts texts = ReportText.of(Locale.ENGLISH);
        ZoneId zone = ZoneId.of("Europe/Berlin");
        int warmRows = Integer.getInteger("warmRows", 0); // a small workbook first, as a server could make at start
        if (warmRows > 0) {
            long t0 = System.nanoTime();
            XlsxReportExport.write(new Counting(), source(rows, warmRows, 0), texts, zone);
            System.out.printf("a first workbook of %d rows: %.2f s%n", warmRows, (System.nanoTime() - t0) / 1e9);
        }
        for (String format : only.split(",")) {
            double best = Double.MAX_VALUE;
            long bytes = 0;
            for (int round = 0; round <= rounds; round++) {
                Counting out = new Counting();
                long t0 = System.nanoTime();
                long written;
                try (PrefetchingRowSource ahead = new PrefetchingRowSource(source(rows, n, pause),
                        prefetch ? READER : Runnable::run)) {
                    written = format.equals("csv") ? csv(out, ahead, texts, zone)
                            : XlsxReportExport.write(out, ahead, texts, zone);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (written != n) {
                    throw new IllegalStateException(format + ": " + written + " rows, not " + n);
                }
                if (round > 0) { // the first is the warm-up
                    best = Math.min(best, s);
                }
                bytes = out.count;
                System.out.printf("  %s round %d: %.2f s%n", format, round, s);
            }
            System.out.printf("%s: %,d rows, %,d bytes, best %.2f s (%.2f s per 100,000 rows), chunk pause %d ms,"
                    + " next chunk read ahead: %s%n", format, n, bytes, best, best * 100_000 / n, pause, prefetch);
        }
        System.out.println("load average " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
        READER.shutdown();
    }

    static long csv(OutputStream out, RowSource source, ReportText.Texts texts, ZoneId zone) throws Exception {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        long written = CsvReportExport.write(w, source, texts, zone);
        w.flush();
        return written;
    }

    /** n rows, the same thousand over and over with their times moved on, 1,000 a chunk. */
    static RowSource source(List<ReportRow> thousand, int n, long pause) {
        return (afterAt, afterId) -> {
            int from = afterAt == null ? 0 : (int) (afterAt.getEpochSecond() - T0.getEpochSecond()) / 60 + 1;
            if (pause > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<ReportRow> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                ReportRow r = thousand.get(i % thousand.size());
                Instant at = T0.plusSeconds(60L * i);
                chunk.add(new ReportRow(r.visitId(), r.appointmentHash(), at, at, r.startAt(), r.endAt(),
                        r.durationSeconds(), r.clinicians(), r.departmentId(), r.attendantsAtOnce(),
                        r.lobbyWaitSeconds(), r.timeToAdmitSeconds(), r.status(), r.endpointId(), r.endpointLabel(),
                        r.meetingPlatform(), r.environment(), r.quality(), r.deviceTest(), r.writeBack(), r.smsSent(),
                        r.departmentName()));
            }
            boolean more = from + 1000 < n;
            return new ExportCursor(chunk, more ? T0.plusSeconds(60L * (from + 999)) : null,
                    more ? chunk.get(chunk.size() - 1).visitId() : null);
        };
    }

    static final Instant T0 = Instant.parse("2026-09-07T00:00:00Z");
    static final java.util.concurrent.ExecutorService READER = java.util.concurrent.Executors.newSingleThreadExecutor();

    static List<ReportRow> rows(int n) {
        List<ReportRow> rows = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            ReportStatus status = g % 100 < 80 ? ReportStatus.COMPLETED : g % 100 < 89 ? ReportStatus.NO_SHOW
                    : g % 100 < 93 ? ReportStatus.ENDED_WITHOUT_PATIENT : g % 100 < 96 ? ReportStatus.CANCELLED
                    : ReportStatus.OPEN;
            boolean done = status == ReportStatus.COMPLETED;
            long wait = 30 + (g * 37L) % 900;
            long dur = 300 + (g * 53L) % 2400;
            double rtt = 40 + (g * 7) % 400;
            Instant booked = T0.plusSeconds(60L * g);
            VisitQuality q = !done || g % 20 == 1 ? VisitQuality.NO_DATA
                    : new VisitQuality(g % 10 == 3 ? QualityVerdict.POOR : QualityVerdict.FINE, rtt, rtt * 2.5,
                    rtt / 12, rtt / 4, rtt / 150, rtt / 40, 30 - rtt / 50, 24 - rtt / 40);
            rows.add(new ReportRow(UUID.randomUUID(), Long.toHexString(g * 977L).repeat(4), booked, booked,
                    done ? booked.plusSeconds(wait) : null, done ? booked.plusSeconds(wait + dur) : null,
                    done ? dur : null, "Practitioner/bench-" + g % 200, "dept-" + g % 12, done ? 2 + (g % 5 == 0 ? 1 : 0) : 0,
                    done ? wait : null, done ? wait / 2 : null, status, UUID.randomUUID(), "Bench EHR " + g % 5,
                    g % 7 == 0 ? "microsoft-teams" : "builtin-rooms", g % 10 == 0 ? "TEST" : "PRODUCTION", q,
                    g % 3 == 0 ? DeviceTestResult.NOT_DONE : g % 17 == 0 ? DeviceTestResult.PROBLEM
                            : DeviceTestResult.PASSED,
                    g % 50 == 7 ? WriteBackState.DEAD_LETTER : g % 33 == 5 ? WriteBackState.PENDING
                            : WriteBackState.DELIVERED, g % 4 == 0 ? 1 : 0, null));
        }
        return rows;
    }

    static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
