import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client of bench/lobby.sh (run with "java LobbyLoad.java ..."; JDK only, no libraries).
 * Clinicians launch visits through the EHR sandbox and keep their visit pages' sockets open;
 * N patients open the patient link (each its own HTTP session) and wait in the lobby on a signalling
 * socket with the browsers' heartbeat (a ping every 10 s). Prints the server's heap (after a full GC)
 * and resident memory before and after, per connection (on average, and per further connection: the heap's growth
 * over the second half of the connections, which leaves out what grows once, such as the data grid's stores for
 * each of its partitions), then admits patients one at a time and
 * prints the time from the clinician's "admit" to the patient's socket hearing "admitted" (p50/p99).
 *
 * Patients are spread over several visits (-Dvisits=5 by default), one clinician socket each.
 * Arguments: base-url server-java-pid[,pid...] connections admits (several pids: the nodes of a cluster behind a
 * balancer; memory is summed over them)
 */
public class LobbyLoad {

    static final Pattern LINK = Pattern.compile("id=\"patientLink\" type=\"text\" readonly value=\"([^\"]+)\"");
    static final Pattern SELF = Pattern.compile("\"self\":\"([^\"]+)\"");
    static final Map<String, Lobby> byId = new ConcurrentHashMap<>();
    static final AtomicInteger serverClosed = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        // exit either way: the heartbeat and HTTP client threads would keep the JVM (and the script) alive
        try {
            measure(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void measure(String[] args) throws Exception {
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        long[] pids = java.util.Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        int connections = Integer.parseInt(args[2]);
        int admits = Integer.parseInt(args[3]);

        // the clinicians: a SMART launch from the sandbox per visit, then the visit page and its socket. The patients
        // are spread over several visits, as in a clinic (one room's state is written whole on every change)
        String[] appointments = {"appt-1001", "appt-1002", "appt-1003", "appt-1004", "appt-1005"};
        String[] practitioners = {"prac-ada-okafor", "prac-ben-lindqvist", "prac-chen-wu"};
        int visitCount = Integer.getInteger("visits", appointments.length);
        List<Visit> visits = new ArrayList<>();
        ScheduledExecutorService heartbeat = Executors.newScheduledThreadPool(2);
        for (int v = 0; v < visitCount; v++) {
            Visit visit = launch(base, practitioners[v % practitioners.length], appointments[v % appointments.length]);
            visits.add(visit);
            heartbeat.scheduleAtFixedRate(() -> visit.clinician.send("{\"type\":\"ping\",\"n\":1}"), 10, 10,
                    TimeUnit.SECONDS);
        }
        System.out.printf("%d visits, each with its clinician's socket open%n", visits.size());

        // N patients in the lobby, at most 64 handshakes at a time
        HttpClient patients = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();

        // warm-up: patients join (64 at a time, as below) and leave before the first measurement, so that what each
        // node makes once, on first use (pools, caches, the grid's stores for the partitions of the browsers' map and
        // the like), is in the baseline and not counted per socket. Then a wait past the sockets'
        // idle timeout (60 s), until which a closed socket's timer task still holds the session
        int warmup = Integer.getInteger("warmup", 100);
        Semaphore warming = new Semaphore(64);
        List<CompletableFuture<Void>> left = new ArrayList<>();
        for (int i = 0; i < warmup; i++) {
            warming.acquire();
            left.add(join(patients, visits.get(i % visits.size()))
                    .thenCompose(lobby -> lobby.ws.sendClose(WebSocket.NORMAL_CLOSURE, "warm-up"))
                    .<Void>thenApply(ws -> null).whenComplete((v, e) -> warming.release()));
        }
        CompletableFuture.allOf(left.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        Thread.sleep(warmup > 0 ? 65_000 : 2000);
        serverClosed.set(0); // the warm-up's own closes
        Memory before = memory(pids);
        System.out.printf("server before: heap %.1f MiB (after full GC), RSS %.1f MiB%n", before.heap() / 1048576.0,
                before.rss() / 1048576.0);

        Semaphore inFlight = new Semaphore(64);
        AtomicInteger failed = new AtomicInteger();
        List<Lobby> lobbies = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        Memory half = null;
        int openAtHalf = 0;
        for (int i = 0; i < connections; i++) {
            if (i == connections / 2 && i > 0) {
                // halfway, with no join in flight and after the same 35 s of heartbeats as at the end (so that both
                // measurements see sockets in the same steady state): the second half's heap is what each further
                // socket costs, without what grows once
                inFlight.acquire(64);
                inFlight.release(64);
                long paused = System.nanoTime();
                Thread.sleep(35_000);
                half = memory(pids);
                openAtHalf = (int) lobbies.stream().filter(l -> !l.closed.isDone()).count();
                t0 += System.nanoTime() - paused; // the join rate counts joining time only
            }
            inFlight.acquire();
            int n = i;
            Visit visit = visits.get(n % visits.size());
            join(patients, visit)
                    .whenComplete((lobby, error) -> {
                        inFlight.release();
                        if (error != null) {
                            if (failed.incrementAndGet() == 1) {
                                System.out.println("first failed join: " + error);
                            }
                            return;
                        }
                        lobbies.add(lobby);
                        byId.put(lobby.id, lobby);
                        // the browsers' heartbeat: a ping every 10 s, spread over the 10 s
                        heartbeat.scheduleAtFixedRate(() -> lobby.send("{\"type\":\"ping\",\"n\":1}"),
                                n % 10_000, 10_000, TimeUnit.MILLISECONDS);
                    });
        }
        inFlight.acquire(64);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("lobby connections: %d open, %d failed, in %.1f s (%.0f joins/s, each: join link GET, "
                + "session, WebSocket handshake, LOBBY_JOINED event stored)%n", lobbies.size(), failed.get(), seconds,
                lobbies.size() / seconds);

        Thread.sleep(35_000); // past the server's 30 s heartbeat timeout: the pings must keep everyone in
        Memory after = memory(pids);
        int open = (int) lobbies.stream().filter(l -> !l.closed.isDone()).count();
        System.out.printf("after 35 s of heartbeats: %d of %d lobby sockets still open (%d closed by the server)%n",
                open, lobbies.size(), serverClosed.get());
        System.out.printf("server after: heap %.1f MiB (after full GC), RSS %.1f MiB%n", after.heap() / 1048576.0,
                after.rss() / 1048576.0);
        System.out.printf("per lobby connection (socket + HTTP session + room attendee): heap %.1f KiB, RSS %.1f KiB%n",
                (after.heap() - before.heap()) / 1024.0 / Math.max(1, open), (after.rss() - before.rss()) / 1024.0 / Math.max(1, open));
        if (half != null && open > openAtHalf) {
            System.out.printf("second half: heap %.1f MiB at %d sockets, %.1f KiB per further lobby socket%n",
                    half.heap() / 1048576.0, openAtHalf, (after.heap() - half.heap()) / 1024.0 / (open - openAtHalf));
        }
        if (HISTOGRAM) {
            printGrowth(before.byClass(), after.byClass(), Math.max(1, open));
            if (half != null && open > openAtHalf) {
                System.out.println("the same for the second half only (per further socket):");
                printGrowth(half.byClass(), after.byClass(), open - openAtHalf);
                System.out.println("what was held halfway and is gone at the end (per first-half socket):");
                printGrowth(after.byClass(), half.byClass(), Math.max(1, openAtHalf));
            }
        }

        // admit one at a time while everyone else keeps waiting (and pinging)
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < Math.min(admits, lobbies.size()); i++) {
            Lobby lobby = lobbies.get(i);
            long sent = System.nanoTime();
            lobby.admittedAt = new CompletableFuture<>();
            lobby.visit.clinician.send("{\"type\":\"admit\",\"id\":\"" + lobby.id + "\"}");
            long got = lobby.admittedAt.get(10, TimeUnit.SECONDS);
            latencies.add(got - sent);
        }
        Collections.sort(latencies);
        if (!latencies.isEmpty()) {
            System.out.printf("admit -> patient's socket hears 'admitted' (%d admits, %d waiting): p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", latencies.size(), open - latencies.size(),
                    pct(latencies, 50), pct(latencies, 99), latencies.get(latencies.size() - 1) / 1e6);
        }
        heartbeat.shutdownNow();
    }

    /**
     * A patient's browser: opens the join link, then the lobby socket with every cookie the join set, as a browser
     * sends them (the room pass is found through the browser's own cookie, OPENVISIT_BROWSER, on whichever node the
     * socket lands; the last value of each name, as a browser keeps it: a join renews the browser's id).
     */
    static CompletableFuture<Lobby> join(HttpClient patients, Visit visit) {
        return patients.sendAsync(HttpRequest.newBuilder(visit.join).GET().build(), HttpResponse.BodyHandlers.discarding())
                .thenCompose(r -> {
                    Map<String, String> jar = new java.util.LinkedHashMap<>();
                    for (String set : r.headers().allValues("Set-Cookie")) {
                        String pair = set.split(";", 2)[0];
                        jar.put(pair.substring(0, Math.max(0, pair.indexOf('='))), pair);
                    }
                    String cookie = String.join("; ", jar.values());
                    if (!cookie.contains("OPENVISIT_BROWSER=")) {
                        throw new IllegalStateException("no browser cookie for join " + r.statusCode());
                    }
                    Lobby lobby = new Lobby(visit);
                    return patients.newWebSocketBuilder().header("Cookie", cookie)
                            .connectTimeout(Duration.ofSeconds(60)).buildAsync(visit.signal, lobby)
                            .thenCompose(ws -> lobby.hello).thenApply(id -> lobby);
                });
    }

    /** A visit opened by its clinician: the clinician's socket, the patients' join link and the visit's socket URL. */
    record Visit(Clinician clinician, URI join, URI signal) {
    }

    static Visit launch(URI base, String practitioner, String appointment) throws Exception {
        HttpClient doc = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI at = base.resolve("ehr-sandbox/ehr/launch?user=" + URLEncoder.encode("Practitioner/" + practitioner,
                StandardCharsets.UTF_8) + "&appointment=" + appointment);
        HttpResponse<String> page = null;
        for (int hop = 0; hop < 12; hop++) {
            page = doc.send(HttpRequest.newBuilder(at).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() / 100 != 3) {
                break;
            }
            at = at.resolve(page.headers().firstValue("Location").orElseThrow());
        }
        Matcher link = LINK.matcher(page.body());
        if (page.statusCode() != 200 || !link.find()) {
            throw new IllegalStateException("the clinician's launch did not reach the visit page: " + at);
        }
        String visitId = at.getPath().replaceAll(".*/visit/", "");
        URI signal = URI.create(base.toString().replace("http", "ws") + "visit/" + visitId + "/signal");
        Clinician clinician = new Clinician();
        doc.newWebSocketBuilder().buildAsync(signal, clinician).join();
        return new Visit(clinician, URI.create(link.group(1).replace("&amp;", "&")), signal);
    }

    static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    /** BENCH_HISTOGRAM=1: which classes the lobby sockets' heap is made of (from the same class histograms). */
    static final boolean HISTOGRAM = "1".equals(System.getenv("BENCH_HISTOGRAM"));

    /** Live heap and RSS summed over the server processes, and each one's live bytes per class. */
    record Memory(long heap, long rss, List<Map<String, Long>> byClass) {
    }

    /**
     * The live heap is the class histogram's total ({@code jcmd GC.class_histogram} collects fully first and counts
     * what is left, at once): the heap's "used" read a second after a full GC also counted what the busy server
     * allocated in that second. The resident memory is read from /proc.
     */
    static Memory memory(long[] pids) throws IOException, InterruptedException {
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
        Pattern total = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)");
        long heap = 0;
        long rss = 0;
        List<Map<String, Long>> byClass = new ArrayList<>();
        for (long pid : pids) {
            Map<String, Long> bytes = new java.util.HashMap<>();
            for (String line : run("jcmd", Long.toString(pid), "GC.class_histogram").split("\n")) {
                Matcher m = row.matcher(line);
                Matcher t = total.matcher(line);
                if (m.find()) {
                    bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
                } else if (t.find()) {
                    heap += Long.parseLong(t.group(1));
                }
            }
            byClass.add(bytes);
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        }
        return new Memory(heap, rss, byClass);
    }

    /** The 12 classes that grew most on each node, in bytes per open lobby socket (all nodes' sockets). */
    static void printGrowth(List<Map<String, Long>> before, List<Map<String, Long>> after, int sockets) {
        for (int node = 0; node < after.size(); node++) {
            Map<String, Long> was = before.get(node);
            System.out.printf("heap growth on node %d, bytes per lobby socket, by class:%n", node + 1);
            after.get(node).entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - was.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.printf("  %8.0f  %s%n", e.getValue() / (double) sockets, e.getKey()));
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** A patient's lobby socket: waits for "hello" (its attendee id), then for "admitted". */
    static final class Lobby implements WebSocket.Listener {
        final Visit visit;
        final CompletableFuture<String> hello = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile CompletableFuture<Long> admittedAt;
        volatile String id;
        volatile WebSocket ws;
        private final StringBuilder text = new StringBuilder();

        Lobby(Visit visit) {
            this.visit = visit;
        }

        void send(String json) {
            WebSocket w = ws;
            if (w != null && !w.isOutputClosed()) {
                synchronized (this) {
                    w.sendText(json, true).join();
                }
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String m = text.toString();
                text.setLength(0);
                if (m.contains("\"type\":\"hello\"")) {
                    Matcher s = SELF.matcher(m);
                    s.find();
                    id = s.group(1);
                    hello.complete(id);
                } else if (m.contains("\"type\":\"admitted\"") && admittedAt != null) {
                    admittedAt.complete(System.nanoTime());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            serverClosed.incrementAndGet();
            closed.complete(statusCode);
            hello.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
            hello.completeExceptionally(error);
        }
    }

    /** The clinician's visit-page socket: reads (and drops) the live updates. */
    static final class Clinician implements WebSocket.Listener {
        volatile WebSocket ws;

        synchronized void send(String json) {
            ws.sendText(json, true).join();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1);
            return null;
        }
    }
}
