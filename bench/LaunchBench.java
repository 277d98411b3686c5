import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Launch benchmark (run by bench/launch.sh against a running OpenVisit + EHR sandbox; JDK only).
 *
 * A full launch is what a clinician's click does: the sandbox's "Begin virtual visit" -> OpenVisit
 * /launch -> the sandbox's authorize -> OpenVisit /launch/callback (code exchange, id_token check,
 * visit) -> the visit page. OpenVisit's own time per launch is the sum over its three requests of the
 * server's "app" Server-Timing figure (its total minus the time it waited for the EHR). Printed: own
 * time p50/p99 and full launches per second at each concurrency, and the requests per second of the
 * trivial JAX-RS endpoint GET /api/version on the same server, and the ratio.
 *
 * Usage: java LaunchBench.java <base-url> <seconds-per-run> <concurrency>...
 */
public class LaunchBench {

    private static final Pattern APP = Pattern.compile("app;dur=([0-9.]+)");
    private static final String[] CLINICIANS = {"Practitioner/prac-ada-okafor", "Practitioner/prac-ben-lindqvist",
            "Practitioner/prac-chen-wu"};
    private static final String[] APPOINTMENTS = {"appt-1001", "appt-1002", "appt-1003", "appt-1004", "appt-1005"};

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        int seconds = Integer.parseInt(args[1]);
        System.out.printf("%-12s %-12s %-14s %-16s %-16s %-10s%n", "workload", "concurrency", "per-second",
                "own-ms-p50", "own-ms-p99", "errors");
        for (int i = 2; i < args.length; i++) {
            int concurrency = Integer.parseInt(args[i]);
            run(base, concurrency, 3, false); // warm-up
            Result trivial = run(base, concurrency, seconds, false);
            Result launches = run(base, concurrency, seconds, true);
            System.out.printf("%-12s %-12d %-14.1f %-16s %-16s %-10d%n", "trivial", concurrency, trivial.perSecond(),
                    "-", "-", trivial.errors);
            System.out.printf("%-12s %-12d %-14.1f %-16.2f %-16.2f %-10d%n", "launch", concurrency,
                    launches.perSecond(), launches.percentile(50), launches.percentile(99), launches.errors);
            System.out.printf("ratio at %d: full launches/s = %.1f%% of trivial requests/s%n", concurrency,
                    100.0 * launches.perSecond() / trivial.perSecond());
        }
    }

    record Result(int done, int errors, double seconds, List<Double> ownMillis) {
        double perSecond() {
            return done / seconds;
        }

        double percentile(int p) {
            if (ownMillis.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(ownMillis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    private static Result run(URI base, int concurrency, int seconds, boolean launch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger errors = new AtomicInteger();
        List<Double> own = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        HttpClient shared = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    try {
                        if (launch) {
                            own.add(oneLaunch(base, CLINICIANS[(worker + n) % CLINICIANS.length],
                                    APPOINTMENTS[(worker * 7 + n) % APPOINTMENTS.length]));
                        } else {
                            HttpResponse<Void> r = shared.send(HttpRequest.newBuilder(base.resolve("api/version")).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException("version answered " + r.statusCode());
                            }
                        }
                        done.incrementAndGet();
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("error: " + e.getMessage());
                        }
                    }
                    n++;
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return new Result(done.get(), errors.get(), elapsed, own);
    }

    /** One clinician's click, in a browser of its own; answers OpenVisit's own milliseconds. */
    private static double oneLaunch(URI base, String user, String appointment) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI next = base.resolve("ehr-sandbox/ehr/launch?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&appointment=" + appointment);
        double ownMillis = 0;
        for (int hop = 0; hop < 8; hop++) {
            long sent = System.nanoTime();
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
            double clientMillis = (System.nanoTime() - sent) / 1e6;
            if (!next.getPath().startsWith("/ehr-sandbox/")) {
                // OpenVisit's own part: the server's figure without EHR waits, or (the visit page, which
                // calls no EHR) the whole request as the client saw it
                Matcher m = APP.matcher(r.headers().firstValue("Server-Timing").orElse(""));
                ownMillis += m.find() ? Double.parseDouble(m.group(1)) : clientMillis;
            }
            if (r.statusCode() == 200 && next.getPath().startsWith("/visit/")) {
                return ownMillis;
            }
            if (r.statusCode() != 302) {
                throw new IllegalStateException(next.getPath() + " answered " + r.statusCode());
            }
            next = next.resolve(r.headers().firstValue("Location").orElseThrow());
        }
        throw new IllegalStateException("the launch did not reach the visit page");
    }
}
