import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reports benchmark's client (bench/reports.sh): times the reports API of a running OpenVisit over real HTTP as
 * an operator, one request at a time: the summary and one table page (by start time, by lobby wait) over the last
 * 90 days of one organization, rotating over the benchmark's organizations, and a CSV export of the largest one;
 * the server's heap (from /metrics) is sampled every 50 ms during the export.
 * Each organization is read with its own reports token (bearer JWT), as Power BI or a script would.
 * Arguments: base URL, operator password (for /metrics), a file of "organization-id token" lines (the first line: the
 * largest organization).
 */
public class ReportsBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String operator;
    static final java.util.Map<String, String> TOKENS = new java.util.LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        operator = "Basic " + Base64.getEncoder().encodeToString(("admin:" + args[1]).getBytes(StandardCharsets.UTF_8));
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[2]))) {
            String[] parts = line.split(" ");
            TOKENS.put(parts[0], parts[1]);
        }
        String[] orgs = TOKENS.keySet().toArray(String[]::new);
        String big = orgs[0];
        int rounds = Integer.parseInt(System.getProperty("rounds", "200"));
        String range = "&from=" + LocalDate.now().minusDays(90) + "&to=" + LocalDate.now() + "&zone=UTC";

        System.out.printf("%-44s %8s %8s %8s %8s%n", "request (last 90 days of one organization)", "p50 ms", "p99 ms",
                "max ms", "rows");
        time("summary", base, orgs, rounds, o -> "api/reports/summary?org=" + o + range);
        time("table page of 50, by start time, newest first", base, orgs, rounds,
                o -> "api/reports/visits?org=" + o + range + "&sort=START&order=desc&max=50");
        time("table page of 50, by lobby wait, longest first", base, orgs, rounds,
                o -> "api/reports/visits?org=" + o + range + "&sort=LOBBY_WAIT&order=desc&max=50");
        time("table page 100 of 50 (offset 4,950), by start", base, orgs, rounds / 4,
                o -> "api/reports/visits?org=" + o + range + "&sort=START&order=desc&first=4950&max=50");
        time("summary of the largest organization", base, new String[]{big}, rounds / 4,
                o -> "api/reports/summary?org=" + o + range);

        Map<String, List<String>> visitIds = new HashMap<>();
        for (String o : orgs) {
            HttpResponse<String> page = get(base.resolve("api/reports/visits?org=" + o + range + "&max=20"), o);
            Matcher id = Pattern.compile("\"visitId\":\"([^\"]+)\"").matcher(page.body());
            while (id.find()) {
                visitIds.computeIfAbsent(o, k -> new ArrayList<>()).add(id.group(1));
            }
        }
        int[] turn = {0};
        time("a visit's timeline", base, orgs, rounds, o -> {
            List<String> ids = visitIds.get(o);
            return "api/reports/visits/" + ids.get(turn[0]++ % ids.size()) + "?org=" + o;
        });

        String pid = System.getProperty("serverPid", "");
        int exports = Integer.parseInt(System.getProperty("exports", "2")); // the first one also warms the code up
        for (String format : List.of("csv", "xlsx")) {
            for (int i = 1; i <= exports; i++) {
                System.out.printf("(export %d of %d) ", i, exports);
                export(base, big, range, format);
            }
            if (!pid.isBlank()) {
                exportLive(base, big, range, pid.strip(), format);
            }
        }
    }

    interface Path {
        String of(String organization);
    }

    static void time(String what, URI base, String[] orgs, int rounds, Path path) throws Exception {
        for (int i = 0; i < 10; i++) { // warm-up
            get(base.resolve(path.of(orgs[i % orgs.length])), orgs[i % orgs.length]);
        }
        List<Double> millis = new ArrayList<>();
        String last = "";
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(base.resolve(path.of(orgs[i % orgs.length])), orgs[i % orgs.length]);
            millis.add((System.nanoTime() - t0) / 1e6);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
            }
            last = r.body();
        }
        Collections.sort(millis);
        Matcher total = Pattern.compile("\"(total|visits)\":(\\d+)").matcher(last);
        System.out.printf("%-44s %8.1f %8.1f %8.1f %8s%n", what, pct(millis, 50), pct(millis, 99),
                millis.get(millis.size() - 1), total.find() ? total.group(2) : "-");
    }

    static void export(URI base, String org, String range, String format) throws Exception {
        long before = heapUsed(base);
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(heapUsed(base), Math::max);
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception ignored) {
                    // one sample less
                }
            }
        });
        sampler.start();
        Download d = download(base, org, range, format);
        double seconds = d.seconds();
        sampler.interrupt();
        sampler.join();
        System.out.printf("%s export of the largest organization: HTTP %d, %,d rows, %,d bytes in %.1f s; server heap"
                        + " used %,d MiB before, peak %,d MiB during (growth %,d MiB; includes garbage not yet"
                        + " collected)%n", format.toUpperCase(java.util.Locale.ROOT), d.status(), d.rows(), d.bytes(),
                seconds, before >> 20, peak.get() >> 20, Math.max(0, peak.get() - before) >> 20);
    }

    /**
     * The export again, with the server's live objects counted before it and every half second during it (jcmd
     * GC.class_histogram: a full collection, then every live object by class), so that each sample is what is live
     * then, not garbage: the growth is what the export holds (slower: not timed). The heap-used figure of /metrics
     * after a jcmd GC.run is not that: it read 74-104 MiB more during the export while the classes' live bytes grew
     * by less than 1 MiB (2026-12-05).
     */
    static void exportLive(URI base, String org, String range, String pid, String format) throws Exception {
        Map<String, Long> before = histogram(pid);
        AtomicReference<Map<String, Long>> atPeak = new AtomicReference<>(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Map<String, Long> now = histogram(pid);
                    if (live(now) > live(atPeak.get())) {
                        atPeak.set(now);
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception ignored) {
                    // one sample less
                }
            }
        });
        sampler.start();
        Download d = download(base, org, range, format);
        sampler.interrupt();
        sampler.join();
        Map<String, Long> peak = atPeak.get();
        System.out.printf("the same export with the live objects counted (jcmd GC.class_histogram) before and every half"
                        + " second: HTTP %d, %,d rows; live %,.1f MiB before, highest %,.1f MiB during (growth %,.1f MiB:"
                        + " what the export holds)%n", d.status(), d.rows(), live(before) / 1048576.0,
                live(peak) / 1048576.0, Math.max(0, live(peak) - live(before)) / 1048576.0);
        System.out.printf("  (counts taken again because the JVM skipped the collection: %d so far)%n",
                SKIPPED_COUNTS.get());
        System.out.println("  classes that grew most between before and the highest sample (live bytes, KiB):");
        peak.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.printf("    %,10d  %s%n", e.getValue() >> 10, e.getKey()));
    }

    /** seconds: from the request to the last byte received (the rows are counted after that, not timed). */
    record Download(int status, long rows, long bytes, double seconds) {
    }

    /**
     * The export as a client reads it, as fast as it can: CSV rows counted as lines, the workbook kept in a temporary
     * file and its rows counted in the sheet's XML (the bench has no POI) after the clock stopped: until 2026-12-06
     * the .xlsx's time also held this count (inflating and scanning the sheet's XML, 170 MB for 120,000 rows).
     */
    static Download download(URI base, String org, String range, String format) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(base.resolve("api/reports/visits." + format
                + "?org=" + org + range)).header("Authorization", "Bearer " + TOKENS.get(org)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (format.equals("csv")) {
            long lines = 0;
            long bytes = 0;
            try (InputStream in = r.body()) {
                byte[] buffer = new byte[65536];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            return new Download(r.statusCode(), lines - 1, bytes, (System.nanoTime() - t0) / 1e9);
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bench-export", ".xlsx");
        try {
            try (InputStream in = r.body()) {
                java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rows = 0;
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile());
                 InputStream sheet = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))) {
                byte[] tag = "<row ".getBytes(StandardCharsets.US_ASCII);
                int matched = 0;
                byte[] buffer = new byte[65536];
                for (int n = sheet.read(buffer); n >= 0; n = sheet.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        matched = buffer[i] == tag[matched] ? matched + 1 : (buffer[i] == tag[0] ? 1 : 0);
                        if (matched == tag.length) {
                            rows++;
                            matched = 0;
                        }
                    }
                }
            }
            return new Download(r.statusCode(), rows - 1, java.nio.file.Files.size(file), seconds);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    static long live(Map<String, Long> histogram) {
        return histogram.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Live bytes per class of the server (jcmd GC.class_histogram, which collects first). While a thread is inside a
     * JNI critical region (zip's deflate, for the .xlsx) the JVM skips that collection, counts garbage too and says
     * "GC locker is held; pre-dump GC was skipped" in the server's log: such a count is taken again (up to 10 times).
     */
    static Map<String, Long> histogram(String pid) throws Exception {
        for (int attempt = 0; ; attempt++) {
            long skippedBefore = skippedCollections();
            Map<String, Long> counted = histogramOnce(pid);
            if (skippedCollections() == skippedBefore || attempt == 9) {
                return counted;
            }
            SKIPPED_COUNTS.incrementAndGet();
        }
    }

    static final AtomicLong SKIPPED_COUNTS = new AtomicLong();

    /** How often the server's log says a class histogram counted garbage (no log: 0). */
    static long skippedCollections() throws java.io.IOException {
        String log = System.getProperty("serverLog", "");
        if (log.isBlank()) {
            return 0;
        }
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of(log),
                StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("pre-dump GC was skipped")).count();
        }
    }

    static Map<String, Long> histogramOnce(String pid) throws Exception {
        Process p = new ProcessBuilder("jcmd", pid, "GC.class_histogram").redirectErrorStream(true).start();
        Map<String, Long> bytes = new HashMap<>();
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher m = row.matcher(line);
                if (m.find()) {
                    bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
                }
            }
        }
        p.waitFor();
        return bytes;
    }

    static long heapUsed(URI base) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("metrics?scope=base"))
                .header("Authorization", operator).header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^(?:base_)?memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in /metrics");
        }
        return (long) Double.parseDouble(m.group(1));
    }

    static HttpResponse<String> get(URI uri, String org) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKENS.get(org)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
