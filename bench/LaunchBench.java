import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Launch benchmark (run by bench/launch.sh against a running OpenVisit and a running EHR sandbox; JDK only).
 *
 * A full launch is what a clinician's click does: the sandbox's "Begin virtual visit" -> OpenVisit
 * /launch -> the sandbox's authorize -> OpenVisit /launch/callback (code exchange, id_token check,
 * visit) -> the visit page. Each simulated clinician has a browser of its own (its own cookies); like
 * browsers, they keep their connections open (one shared keep-alive pool).
 *
 * Printed per concurrency level:
 * - full launches per second and trivial requests per second (GET /api/version on the same OpenVisit);
 * - OpenVisit's own time per launch, p50/p99: the sum over its three requests of the server's "app"
 *   Server-Timing figure (the request's time in OpenVisit minus the time it waited for the EHR);
 * - OpenVisit's CPU per launch and per trivial request, read from /proc for OpenVisit's process alone
 *   (the EHR runs in another process): its throughput with the EHR's work excluded is the inverse, so the
 *   ratio of the two is the launch rate OpenVisit sustains as a share of the trivial endpoint's.
 *
 * Usage: java LaunchBench.java <openvisit-url> <sandbox-url> <openvisit-pid[,pid...]> <seconds-per-run> <concurrency>...
 */
public class LaunchBench {

    private static final Pattern APP = Pattern.compile("app;dur=([0-9.]+)");
    private static final String[] CLINICIANS = {"Practitioner/prac-ada-okafor", "Practitioner/prac-ben-lindqvist",
            "Practitioner/prac-chen-wu"};
    private static final String[] APPOINTMENTS = {"appt-1001", "appt-1002", "appt-1003", "appt-1004", "appt-1005"};
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final int WARM_UP_SECONDS = Integer.getInteger("warmup", 10);

    private static HttpClient client;

    public static void main(String[] args) throws Exception {
        URI openVisit = base(args[0]);
        URI sandbox = base(args[1]);
        long[] pid = java.util.Arrays.stream(args[2].split(",")).mapToLong(Long::parseLong).toArray();
        int seconds = Integer.parseInt(args[3]);
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf("%-9s %-5s %-10s %-11s %-11s %-13s %-7s%n", "workload", "conc", "per-second",
                "own-ms-p50", "own-ms-p99", "ov-cpu-ms/op", "errors");
        for (int i = 4; i < args.length; i++) {
            int concurrency = Integer.parseInt(args[i]);
            run(openVisit, sandbox, pid, concurrency, WARM_UP_SECONDS, false); // JIT, pools, caches: not measured
            run(openVisit, sandbox, pid, concurrency, WARM_UP_SECONDS, true);
            Result trivial = run(openVisit, sandbox, pid, concurrency, seconds, false);
            Result launches = run(openVisit, sandbox, pid, concurrency, seconds, true);
            print("trivial", concurrency, trivial);
            print("launch", concurrency, launches);
            System.out.printf("ratio at %d: full launches/s = %.1f%% of trivial requests/s (wall clock, EHR and client "
                            + "on the same cores); by OpenVisit's CPU per operation = %.1f%%%n", concurrency,
                    100.0 * launches.perSecond() / trivial.perSecond(),
                    100.0 * trivial.cpuMillisPerOp() / launches.cpuMillisPerOp());
        }
    }

    private static void print(String workload, int concurrency, Result r) {
        System.out.printf("%-9s %-5d %-10.1f %-11s %-11s %-13.3f %-7d%n", workload, concurrency, r.perSecond(),
                r.ownMillis.isEmpty() ? "-" : String.format("%.2f", r.percentile(50)),
                r.ownMillis.isEmpty() ? "-" : String.format("%.2f", r.percentile(99)), r.cpuMillisPerOp(), r.errors);
    }

    private static URI base(String url) {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    record Result(int done, int errors, double seconds, List<Double> ownMillis, long cpuTicks) {
        double perSecond() {
            return done / seconds;
        }

        double cpuMillisPerOp() {
            return done == 0 ? Double.NaN : cpuTicks * 1000.0 / CLOCK_TICKS_PER_SECOND / done;
        }

        double percentile(int p) {
            List<Double> sorted = new ArrayList<>(ownMillis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    private static Result run(URI openVisit, URI sandbox, long[] pid, int concurrency, int seconds, boolean launch)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger errors = new AtomicInteger();
        List<Double> own = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        long cpuBefore = cpuTicks(pid);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    try {
                        if (launch) {
                            own.add(oneLaunch(openVisit, sandbox, CLINICIANS[(worker + n) % CLINICIANS.length],
                                    APPOINTMENTS[(worker * 7 + n) % APPOINTMENTS.length]));
                        } else {
                            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(openVisit.resolve("api/version"))
                                    .build(), HttpResponse.BodyHandlers.discarding());
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
        long cpu = cpuTicks(pid) - cpuBefore;
        pool.shutdown();
        return new Result(done.get(), errors.get(), elapsed, own, cpu);
    }

    /** user + system CPU time of the process, in clock ticks (/proc/PID/stat fields 14 and 15). */
    /** CPU ticks (user + system) of the given server processes together: the nodes of a cluster. */
    private static long cpuTicks(long[] pids) throws Exception {
        long sum = 0;
        for (long pid : pids) {
            sum += cpuTicks(pid);
        }
        return sum;
    }

    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** One clinician's click, in a browser of its own (cookies per origin); answers OpenVisit's own milliseconds. */
    private static double oneLaunch(URI openVisit, URI sandbox, String user, String appointment) throws Exception {
        Map<String, Map<String, String>> cookies = new HashMap<>();
        URI next = sandbox.resolve("ehr-sandbox/ehr/launch?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&appointment=" + appointment);
        double ownMillis = 0;
        for (int hop = 0; hop < 8; hop++) {
            String origin = next.getScheme() + "://" + next.getAuthority();
            HttpRequest.Builder request = HttpRequest.newBuilder(next);
            Map<String, String> jar = cookies.computeIfAbsent(origin, o -> new HashMap<>());
            if (!jar.isEmpty()) {
                request.header("Cookie", String.join("; ", jar.entrySet().stream()
                        .map(c -> c.getKey() + "=" + c.getValue()).toList()));
            }
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    jar.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            // behind a balancer the sandbox answers on OpenVisit's address too, under /ehr-sandbox/
            boolean ours = next.getAuthority().equals(openVisit.getAuthority())
                    && !next.getPath().startsWith("/ehr-sandbox/");
            if (ours) {
                Matcher m = APP.matcher(r.headers().firstValue("Server-Timing").orElse(""));
                if (!m.find()) {
                    throw new IllegalStateException(next.getPath() + " answered no Server-Timing");
                }
                ownMillis += Double.parseDouble(m.group(1));
            }
            if (r.statusCode() == 200 && ours && next.getPath().startsWith("/visit/")) {
                return ownMillis;
            }
            if (r.statusCode() != 302 && r.statusCode() != 303) {
                throw new IllegalStateException(next.getPath() + " answered " + r.statusCode());
            }
            next = next.resolve(r.headers().firstValue("Location").orElseThrow());
        }
        throw new IllegalStateException("the launch did not reach the visit page");
    }
}
