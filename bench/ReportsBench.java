import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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

        export(base, big, range);
        String pid = System.getProperty("serverPid", "");
        if (!pid.isBlank()) {
            exportLive(base, big, range, pid.strip());
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

    static void export(URI base, String org, String range) throws Exception {
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
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(base.resolve("api/reports/visits.csv?org="
                + org + range)).header("Authorization", "Bearer " + TOKENS.get(org)).build(), HttpResponse.BodyHandlers.ofInputStream());
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
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.out.printf("CSV export of the largest organization: HTTP %d, %,d rows, %,d bytes in %.1f s; server heap"
                        + " used %,d MiB before, peak %,d MiB during (growth %,d MiB; includes garbage not yet"
                        + " collected)%n", r.statusCode(), lines - 1, bytes, seconds, before >> 20, peak.get() >> 20,
                Math.max(0, peak.get() - before) >> 20);
    }

    /**
     * The export again, with a full GC of the server (jcmd GC.run) before it and every half second during it, so that
     * each heap sample is what is live then, not garbage: the growth is what the export holds (slower: not timed).
     */
    static void exportLive(URI base, String org, String range, String pid) throws Exception {
        long before = liveHeap(base, pid);
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(liveHeap(base, pid), Math::max);
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception ignored) {
                    // one sample less
                }
            }
        });
        sampler.start();
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(base.resolve("api/reports/visits.csv?org="
                + org + range)).header("Authorization", "Bearer " + TOKENS.get(org)).build(), HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        sampler.interrupt();
        sampler.join();
        System.out.printf("the same export with a full GC before each heap sample: HTTP %d, %,d rows; live heap %,d MiB"
                        + " before, highest %,d MiB during (growth %,d MiB: what the export holds)%n", r.statusCode(),
                lines - 1, before >> 20, peak.get() >> 20, Math.max(0, peak.get() - before) >> 20);
    }

    static long liveHeap(URI base, String pid) throws Exception {
        Process gc = new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (gc.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " GC.run failed");
        }
        return heapUsed(base);
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
