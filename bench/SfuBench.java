import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver of bench/sfu.sh: a clinician launched from the sandbox's EHR screen joins the call, N-1 others open the
 * patient and guest links and wait in the lobby, the clinician presses "Admit all"; each page notes (on this machine's
 * one clock, in the page) when it first decodes the clinician's video and (browsers mode) when it decodes everyone's.
 * CPU (from /proc, per process) and RSS of Janus and OpenVisit over 20 s with the clinician alone in the call, and
 * over 20 s with everyone in it. Prints figures, asserts nothing. Arguments: base URL, people, Janus's pid,
 * OpenVisit's pid, mode ({@code load}: the others simulated by one page, {@link LoadClient}; {@code browsers}: one
 * Chromium each).
 */
public class SfuBench {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** bench/sfu.sh's second argument: {@code small} (the integration test's camera) or {@code default} (Chromium's). */
    private static final boolean SMALL_CAMERA = !"default".equals(System.getProperty("sfu.camera", "small"));
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** In a page: notes Date.now() at the first decoded frame of attendee arguments[0] and at frames from arguments[1] others. */
    private static final String WATCH = """
            const pub = arguments[0], expected = arguments[1];
            window.__first = 0; window.__all = 0;
            window.__watch = setInterval(() => {
              const r = window.OpenVisitRoom;
              if (!r) { return; }
              Promise.all(Array.from(r.peers.values()).map(p => p.pc.getStats().then(s => {
                let f = 0;
                s.forEach(x => { if (x.type === 'inbound-rtp' && x.kind === 'video') { f += x.framesDecoded || 0; } });
                return [p.id, f];
              }))).then(all => {
                const now = Date.now();
                // what the bench prints per browser (state, not timing): subscriptions, those decoding, their states
                window.__state = {peers: all.length, decoding: all.filter(([id, f]) => f > 0).length,
                  connections: Array.from(r.peers.values()).map(p => p.pc.connectionState).join(' ')};
                if (!window.__first && all.some(([id, f]) => id === pub && f > 0)) { window.__first = now; }
                if (!window.__all && all.filter(([id, f]) => f > 0).length >= expected) { window.__all = now; }
                // kept running after both times are noted, so that the state printed at the end is current
              }).catch(() => {});
            }, 100);
            """;

    public static void main(String[] args) throws Exception {
        String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
        int people = Integer.parseInt(args[1]);
        long janus = Long.parseLong(args[2]);
        long openVisit = Long.parseLong(args[3]);
        String mode = args.length > 4 ? args[4] : "load";
        if (people < 5) {
            throw new IllegalArgumentException("5 people or more: four and fewer stay a mesh");
        }
        if (!mode.equals("load") && !mode.equals("browsers")) {
            throw new IllegalArgumentException("mode load or browsers, not " + mode);
        }
        List<WebDriver> browsers = new ArrayList<>();
        try {
            WebDriver doc = browser(1024, 640, true);
            browsers.add(doc);
            doc.manage().timeouts().scriptTimeout(Duration.ofSeconds(180)); // a renderer this busy answers late
            doc.get(base + "ehr-sandbox/ehr/launch?user=Practitioner/prac-chen-wu&appointment=appt-1004");
            wait(doc, 60).until(d -> d.getCurrentUrl().matches(".*/visit/[0-9a-f-]{36}$"));
            wait(doc, 30).until(d -> text(d, "roomStatus").startsWith("Connected"));
            doc.findElement(By.id("joinCall")).click();
            wait(doc, 30).until(d -> text(d, "roomStatus").startsWith("In the call"));
            String clinicianId = (String) js(doc).executeScript("return window.OpenVisitRoom.self;");
            String patientLink = doc.findElement(By.id("patientLink")).getAttribute("value");
            String guestLink = doc.findElement(By.id("guestLink")).getAttribute("value");
            if (mode.equals("load")) {
                LoadClient.run(doc, browsers, clinicianId, patientLink, guestLink, people, janus, openVisit);
                return;
            }
            for (int i = 1; i < people; i++) {
                WebDriver b = browser(480, 360, true);
                browsers.add(b);
                b.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
                b.get(i == 1 ? patientLink : guestLink);
                wait(b, 120).until(d -> text(d, "roomStatus").startsWith("Waiting for your clinician"));
            }
            int waiting = people - 1;
            wait(doc, 120).until(d -> d.findElements(By.cssSelector("#attendees tr[data-state=WAITING]")).size()
                    == waiting);
            Usage alone = Usage.over(janus, openVisit, Duration.ofSeconds(20));

            for (WebDriver b : browsers) { // the clinician's page too: its state is printed with the others'
                js(b).executeScript(WATCH, clinicianId, people - 1);
            }
            long admitted = ((Number) js(doc).executeScript("const t = Date.now(); "
                    + "document.getElementById('admitAll').click(); return t;")).longValue();
            List<Long> first = new ArrayList<>();
            List<Long> all = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 600_000;
            for (WebDriver b : browsers.subList(1, browsers.size())) {
                while (System.currentTimeMillis() < deadline) {
                    Number f = (Number) js(b).executeScript("return window.__first || 0;");
                    Number a = (Number) js(b).executeScript("return window.__all || 0;");
                    if (f.longValue() != 0 && a.longValue() != 0) {
                        first.add(f.longValue() - admitted);
                        all.add(a.longValue() - admitted);
                        break;
                    }
                    Thread.sleep(500);
                }
            }
            System.out.printf("room: %d people; %d of %d browsers decoded the clinician and everyone within 10 minutes%n",
                    people, first.size(), people - 1);
            printStates(browsers, admitted);
            System.out.println("admit all -> first frame of the clinician's video, ms: " + summary(first));
            System.out.println("admit all -> decoding everyone else, ms: " + summary(all));
            Usage together = Usage.over(janus, openVisit, Duration.ofSeconds(20));
            printUsage(alone, together, waiting);
            System.out.println("target (issue 21): 12 people, join-to-first-frame p99 <= 3000 ms (up to 50: the clinician's video and audio)");

            // the clinician removes the last guest: when every page no longer receives them (theirs: nothing at all)
            WebDriver removed = browsers.get(browsers.size() - 1);
            String removedId = (String) js(removed).executeScript("return window.OpenVisitRoom.self;");
            for (WebDriver b : browsers) {
                js(b).executeScript(org.openvisit.it.rooms.RoomPages.GONE_WATCH, removedId, b == removed);
            }
            js(doc).executeScript("window.confirm = () => true;");
            long removedAt = ((Number) js(doc).executeScript("const b = document.querySelector("
                    + "\"#attendees tr[data-attendee-id='\" + arguments[0] + \"'] button.remove\");"
                    + " if (!b) { return 0; } const t = Date.now(); b.click(); return t;", removedId)).longValue();
            List<Long> gone = new ArrayList<>();
            if (removedAt == 0) {
                System.out.println("remove: the clinician's page had no Remove button for the guest");
            } else {
                long until = System.currentTimeMillis() + 30_000;
                for (WebDriver b : browsers) {
                    while (System.currentTimeMillis() < until) {
                        Number at = (Number) js(b).executeScript("return window.__gone || 0;");
                        if (at.longValue() != 0) {
                            gone.add(at.longValue() - removedAt);
                            break;
                        }
                        Thread.sleep(200);
                    }
                }
                System.out.println("remove -> the guest's media gone from every page (theirs included), ms: "
                        + summary(gone) + "; target (issue 21): 2000 ms");
            }
            doc.findElement(By.id("endVisit")).click();
        } finally {
            for (WebDriver b : browsers) {
                try {
                    b.quit();
                } catch (RuntimeException ignored) {
                    // closing
                }
            }
        }
    }

    /** Janus's and OpenVisit's CPU and RSS with the clinician alone and with everyone in the call, per participant. */
    static void printUsage(Usage alone, Usage together, int waiting) {
        System.out.printf("baseline, the clinician alone in the call (%d waiting in the lobby): Janus %.0f %% CPU "
                + "%d MiB; OpenVisit %.0f %% CPU %d MiB%n", waiting, alone.janusCpu, alone.janusRssMiB,
                alone.openVisitCpu, alone.openVisitRssMiB);
        System.out.printf("everyone in the call: Janus %.0f %% CPU %d MiB; OpenVisit %.0f %% CPU %d MiB "
                + "(of one core; the machine has %d)%n", together.janusCpu, together.janusRssMiB,
                together.openVisitCpu, together.openVisitRssMiB, Runtime.getRuntime().availableProcessors());
        System.out.printf("per participant beyond the baseline: Janus %.1f %% CPU %.1f MiB; OpenVisit %.1f %% CPU "
                        + "%.1f MiB; Janus CPU with everyone ÷ baseline %.1f%n",
                (together.janusCpu - alone.janusCpu) / waiting,
                (together.janusRssMiB - alone.janusRssMiB) / (double) waiting,
                (together.openVisitCpu - alone.openVisitCpu) / waiting,
                (together.openVisitRssMiB - alone.openVisitRssMiB) / (double) waiting,
                together.janusCpu / Math.max(alone.janusCpu, 0.1));
    }

    /**
     * One line per browser: its page's status, how many others it has a subscription of and decodes, the connection
     * state of each subscription, and when it first decoded the clinician and everyone (or that it did not): a run
     * that gives no figures says where it stood.
     */
    private static void printStates(List<WebDriver> browsers, long admitted) {
        for (int i = 0; i < browsers.size(); i++) {
            WebDriver b = browsers.get(i);
            try {
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> state = (java.util.Map<String, Object>) js(b).executeScript(
                        "return window.__state || null;");
                Number f = (Number) js(b).executeScript("return window.__first || 0;");
                Number a = (Number) js(b).executeScript("return window.__all || 0;");
                System.out.printf("  browser %d (%s): '%s'; %s%s%s%n", i + 1, i == 0 ? "clinician" : "patient/guest",
                        text(b, "roomStatus"),
                        state == null ? "no media statistics" : state.get("decoding") + " of " + state.get("peers")
                                + " subscriptions decoding [" + state.get("connections") + "]",
                        f.longValue() == 0 ? "" : "; clinician's video after " + (f.longValue() - admitted) + " ms",
                        a.longValue() == 0 ? "" : "; everyone after " + (a.longValue() - admitted) + " ms");
            } catch (RuntimeException unanswered) {
                System.out.printf("  browser %d: did not answer (%s)%n", i + 1,
                        unanswered.getMessage() == null ? unanswered : unanswered.getMessage().lines().findFirst()
                                .orElse(""));
            }
        }
    }

    static String summary(List<Long> ms) {
        if (ms.isEmpty()) {
            return "none";
        }
        List<Long> s = new ArrayList<>(ms);
        s.sort(null);
        return "p50 " + s.get((s.size() - 1) / 2) + " / p99 " + s.get((int) Math.ceil(0.99 * s.size()) - 1)
                + " / max " + s.get(s.size() - 1) + " (n=" + s.size() + ")";
    }

    /** CPU (percent of one core) of both processes over a window, and their RSS at its end. */
    record Usage(double janusCpu, long janusRssMiB, double openVisitCpu, long openVisitRssMiB) {

        static Usage over(long janus, long openVisit, Duration window) throws IOException, InterruptedException {
            long j0 = ticks(janus), o0 = ticks(openVisit), t0 = System.nanoTime();
            Thread.sleep(window.toMillis());
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Usage(100.0 * (ticks(janus) - j0) / TICKS_PER_SECOND / seconds, rssMiB(janus),
                    100.0 * (ticks(openVisit) - o0) / TICKS_PER_SECOND / seconds, rssMiB(openVisit));
        }

        private static long ticks(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        }

        private static long rssMiB(long pid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        }
    }

    /** Each browser's profile folder: its processes are the ones whose command line names it. */
    static final java.util.Map<WebDriver, Path> PROFILES = new java.util.HashMap<>();

    /**
     * A headless Chromium; {@code media}: with the fake camera and microphone (the clinician's and the browsers
     * mode's pages), else with none (the load client, which publishes nothing); {@code extra}: more switches.
     */
    static WebDriver browser(int width, int height, boolean media, String... extra) throws IOException {
        Path profile = Files.createTempDirectory("sfu-bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile,
                "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required"));
        options.addArguments(extra);
        if (media) {
            options.addArguments("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
        }
        if (media && SMALL_CAMERA) { // the integration test's camera: 160 x 120 at 10 frames a second
            options.addArguments("--use-file-for-fake-video-capture=" + org.openvisit.it.rooms.SmallCamera.file());
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        PROFILES.put(driver, profile);
        return driver;
    }

    static WebDriverWait wait(WebDriver d, int seconds) {
        WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(seconds));
        w.ignoring(org.openqa.selenium.NoSuchElementException.class);
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    static JavascriptExecutor js(WebDriver d) {
        return (JavascriptExecutor) d;
    }
}

/**
 * The bench's load mode (issue 21): the clinician's page as in the browsers mode (a real Chromium publishing its fake
 * camera), and the N-1 patients and guests simulated by one more headless Chromium page running bench/sfu-load.js.
 * Each simulated attendee follows its own join link with a cookie of its own (here, in Java: the link's 303 and the
 * lobby page, as a browser of its own would), then in the load page opens its own lobby socket with that cookie,
 * waits to be admitted by "Admit all", joins, gets its own SFU access from OpenVisit, and runs the product's sfu.js:
 * it joins the Janus room without publishing and subscribes to the clinician's video with its own peer connection.
 * Times from "Admit all" (the clinician's page's clock) to each one's first received and first decoded frame of the
 * clinician (the load page's clock: the same machine's).
 */
final class LoadClient {

    /** Where each attendee's Janus requests go: a host name of its own (see sfu-load.js), or {@code shared}: one. */
    private static final boolean OWN_HOSTS = !"shared".equals(System.getProperty("sfu.hosts", "own"));

    private LoadClient() {
    }

    static void run(WebDriver doc, List<WebDriver> browsers, String clinicianId, String patientLink, String guestLink,
                    int people, long janus, long openVisit) throws Exception {
        String visitUrl = doc.getCurrentUrl();
        String context = visitUrl.substring(0, visitUrl.indexOf("/visit/"));
        String visitId = visitUrl.substring(visitUrl.lastIndexOf('/') + 1);
        String signal = visitUrl.replaceFirst("^http", "ws") + "/signal";
        int simulated = people - 1;

        // each attendee's own join link, followed as its own browser would: a cookie of its own, then the lobby page
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        List<String> cookies = new ArrayList<>();
        for (int i = 1; i <= simulated; i++) {
            String link = i == 1 ? patientLink : guestLink;
            var joined = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(link)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            // the last OPENVISIT_BROWSER: the link gives the browser its state, then a new id for it (renew)
            String cookie = joined.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("OPENVISIT_BROWSER=")).map(c -> c.substring(18).split(";")[0])
                    .reduce((first, second) -> second).orElseThrow(() -> new IllegalStateException("join link: HTTP " + joined.statusCode()
                            + " without a browser cookie"));
            String lobby = joined.headers().firstValue("Location").orElseThrow();
            var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(link).resolve(lobby))
                    .header("Cookie", "OPENVISIT_BROWSER=" + cookie).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("lobby page: HTTP " + page.statusCode());
            }
            cookies.add(cookie);
        }

        // the load page: a page of OpenVisit (the device test: no visit of its own, Janus in its connect-src), with
        // the product's sfu.js and the load client
        WebDriver load = SfuBench.browser(1024, 640, false, "--host-resolver-rules=MAP *.sfu.test 127.0.0.1");
        browsers.add(load);
        load.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
        if (OWN_HOSTS) { // the page's Content-Security-Policy names Janus's one origin; the aliases are the bench's
            ((org.openqa.selenium.chrome.ChromeDriver) load).executeCdpCommand("Page.setBypassCSP",
                    java.util.Map.of("enabled", true));
        }
        load.get(context + "/device-test");
        Object loaded = SfuBench.js(load).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const s = document.createElement('script');
                s.src = arguments[0];
                s.onload = () => done(!!window.OpenVisitSfu);
                s.onerror = () => done(false);
                document.head.appendChild(s);
                """, context + "/resources/openvisit/sfu.js");
        if (!Boolean.TRUE.equals(loaded)) {
            throw new IllegalStateException("sfu.js did not load in the load page");
        }
        SfuBench.js(load).executeScript(Files.readString(Path.of(System.getProperty("sfu.loadjs", "bench/sfu-load.js"))));
        for (int i = 0; i < simulated; i++) {
            Object state = SfuBench.js(load).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    window.OpenVisitLoad.add(arguments[0], arguments[1], arguments[2], arguments[3])
                      .then(s => done(String(s)), e => done('error: ' + e.message));
                    """, cookies.get(i), signal, visitId, OWN_HOSTS ? "a" + (i + 1) + ".sfu.test" : null);
            if (!"WAITING".equals(state)) {
                throw new IllegalStateException("simulated attendee " + (i + 1) + ": " + state);
            }
        }
        SfuBench.wait(doc, 120).until(d -> d.findElements(By.cssSelector("#attendees tr[data-state=WAITING]")).size()
                == simulated);
        System.out.printf("load client: %d simulated patients and guests in the lobby, each with its own cookie and "
                + "socket, in one page (Janus hosts: %s)%n", simulated, OWN_HOSTS ? "one name each" : "shared");
        SfuBench.Usage alone = SfuBench.Usage.over(janus, openVisit, Duration.ofSeconds(20));

        SfuBench.js(load).executeScript("window.OpenVisitLoad.watchFrames(arguments[0]);", clinicianId);
        // what an independent page sees of the joins: the clinician's page (another browser, another renderer) notes
        // when each attendee turns IN_CALL, and the server's own time of each CONNECTED event (the same clock)
        SfuBench.js(doc).executeScript("""
                window.__inCall = {}; window.__connected = {}; window.__admitted = {};
                window.OpenVisitRoom.socket.addEventListener('message', e => {
                  const m = JSON.parse(e.data);
                  if (m.type === 'attendee' && m.state === 'IN_CALL' && !window.__inCall[m.id]) { window.__inCall[m.id] = Date.now(); }
                  if (m.type === 'event' && m.event === 'CONNECTED' && m.attendee) { window.__connected[m.attendee] = m.at; }
                  if (m.type === 'event' && m.event === 'ADMITTED' && m.attendee) { window.__admitted[m.attendee] = m.at; }
                });
                """);
        long admitted = ((Number) SfuBench.js(doc).executeScript("const t = Date.now(); "
                + "document.getElementById('admitAll').click(); return t;")).longValue();
        long deadline = System.currentTimeMillis() + 180_000;
        List<java.util.Map<String, Object>> states = states(load);
        while (System.currentTimeMillis() < deadline && states.stream().anyMatch(a -> time(a, "decoded") == 0)) {
            Thread.sleep(500);
            states = states(load);
        }
        Thread.sleep(1000);
        states = states(load);
        long decodedCount = states.stream().filter(a -> time(a, "decoded") != 0).count();
        System.out.printf("room: %d people (the clinician's browser and %d simulated); %d of %d decoded the "
                + "clinician's video within 180 s%n", people, simulated, decodedCount, simulated);
        for (var a : states) {
            StringBuilder line = new StringBuilder("  attendee " + a.get("n") + ": " + (Boolean.TRUE.equals(a.get("inCall"))
                    ? (Boolean.TRUE.equals(a.get("watching")) ? "in the call, watching" : "in the call")
                    : "state " + a.get("state")) + ", " + a.get("subscriptions") + " subscription(s) ["
                    + a.get("connections") + "]");
            for (String k : List.of("sfu", "admitted", "call", "sfuStart", "subscribed", "connected", "received",
                    "decoded")) {
                long t = time(a, k);
                line.append(t == 0 ? "; " + k + " -" : "; " + k + " +" + (t - admitted));
            }
            if (!String.valueOf(a.get("failed")).isEmpty()) {
                line.append("; SFU failed: ").append(a.get("failed"));
            }
            if (!String.valueOf(a.get("refusals")).isEmpty()) {
                line.append("; refused: ").append(a.get("refusals"));
            }
            System.out.println(line);
        }
        System.out.println("  (ms after Admit all: sfu = its SFU access arrived, admitted, call = the server's answer "
                + "to its join, subscribed = Janus's offer of the clinician's feed taken, connected = that peer "
                + "connection connected, received/decoded = its first video frame of the clinician)");
        System.out.println("admit all -> first frame of the clinician's video decoded, ms: "
                + SfuBench.summary(since(states, "decoded", admitted)));
        System.out.println("admit all -> first frame received, ms: " + SfuBench.summary(since(states, "received", admitted)));
        var watchers = states.stream().filter(a -> Boolean.TRUE.equals(a.get("watching"))).toList();
        if (!watchers.isEmpty()) { // beyond the call's places with video, people join watching the clinician only
            var withVideo = states.stream().filter(a -> !Boolean.TRUE.equals(a.get("watching"))).toList();
            System.out.println("  of them " + withVideo.size() + " with a place with video (first frame decoded, ms: "
                    + SfuBench.summary(since(withVideo, "decoded", admitted)) + ") and " + watchers.size()
                    + " watching (ms: " + SfuBench.summary(since(watchers, "decoded", admitted)) + ")");
        }
        System.out.println("own 'admitted' message -> first frame decoded, ms: " + SfuBench.summary(between(states,
                "admitted", "decoded")));
        System.out.println("steps, ms after Admit all: admitted " + SfuBench.summary(since(states, "admitted", admitted))
                + "; subscribed " + SfuBench.summary(since(states, "subscribed", admitted)) + "; connected "
                + SfuBench.summary(since(states, "connected", admitted)));
        @SuppressWarnings("unchecked")
        var inCall = (java.util.Map<String, Object>) SfuBench.js(doc).executeScript("return window.__inCall;");
        @SuppressWarnings("unchecked")
        var connected = (java.util.Map<String, Object>) SfuBench.js(doc).executeScript("return window.__connected;");
        @SuppressWarnings("unchecked")
        var admits = (java.util.Map<String, Object>) SfuBench.js(doc).executeScript("return window.__admitted;");
        List<Long> seen = new ArrayList<>();
        List<Long> recorded = new ArrayList<>();
        List<Long> admittedEvents = new ArrayList<>();
        for (var a : states) {
            if (admits.get(a.get("self")) instanceof String at) {
                admittedEvents.add(java.time.Instant.parse(at).toEpochMilli() - admitted);
            }
            if (inCall.get(a.get("self")) instanceof Number n) {
                seen.add(n.longValue() - admitted);
            }
            if (connected.get(a.get("self")) instanceof String at) {
                recorded.add(java.time.Instant.parse(at).toEpochMilli() - admitted);
            }
        }
        System.out.println("OpenVisit's ADMITTED events (server's clock), ms after Admit all: "
                + SfuBench.summary(admittedEvents));
        System.out.println("OpenVisit's CONNECTED event of each join (server's clock), ms after Admit all: "
                + SfuBench.summary(recorded) + "; the clinician's page told IN_CALL: " + SfuBench.summary(seen));
        System.out.println("target (issue 21): 12 people, join-to-first-frame p99 <= 3000 ms (up to 50: the clinician's video and audio)");

        java.util.Map<String, List<Long>> groups = new java.util.LinkedHashMap<>();
        groups.put("clinician's Chromium", pidsOf(doc));
        groups.put("load client's Chromium", pidsOf(load));
        long[] before = groups.values().stream().mapToLong(LoadClient::ticks).toArray();
        long t0 = System.nanoTime();
        SfuBench.Usage together = SfuBench.Usage.over(janus, openVisit, Duration.ofSeconds(20));
        double seconds = (System.nanoTime() - t0) / 1e9;
        SfuBench.printUsage(alone, together, simulated);
        int g = 0;
        StringBuilder browsersCpu = new StringBuilder("browsers over the same 20 s:");
        for (var e : groups.entrySet()) {
            browsersCpu.append(String.format(" %s %.0f %% CPU (%d processes);", e.getKey(),
                    100.0 * (ticks(e.getValue()) - before[g++]) / 100 / seconds, e.getValue().size()));
        }
        System.out.println(browsersCpu);

        // the clinician removes the last simulated guest: when its page hears "removed" (it publishes nothing: no
        // other page has media of it to drop)
        var last = states.get(states.size() - 1);
        String removedId = (String) last.get("self");
        SfuBench.js(doc).executeScript("window.confirm = () => true;");
        long removedAt = ((Number) SfuBench.js(doc).executeScript("const b = document.querySelector("
                + "\"#attendees tr[data-attendee-id='\" + arguments[0] + \"'] button.remove\");"
                + " if (!b) { return 0; } const t = Date.now(); b.click(); return t;", removedId)).longValue();
        if (removedAt == 0) {
            System.out.println("remove: the clinician's page had no Remove button for the guest");
        } else {
            long until = System.currentTimeMillis() + 30_000;
            long at = 0;
            while (System.currentTimeMillis() < until && at == 0) {
                Thread.sleep(100);
                at = time(states(load).get(states.size() - 1), "removed");
            }
            System.out.println("remove -> the removed guest's page told (\"removed\", it leaves the SFU), ms: "
                    + (at == 0 ? "not within 30 s" : String.valueOf(at - removedAt)));
        }
        SfuBench.js(load).executeScript("window.OpenVisitLoad.leaveAll();");
    }

    @SuppressWarnings("unchecked")
    private static List<java.util.Map<String, Object>> states(WebDriver load) {
        return (List<java.util.Map<String, Object>>) SfuBench.js(load).executeScript(
                "return window.OpenVisitLoad.states();");
    }

    @SuppressWarnings("unchecked")
    private static long time(java.util.Map<String, Object> attendee, String key) {
        Object t = ((java.util.Map<String, Object>) attendee.get("t")).get(key);
        return t instanceof Number n ? n.longValue() : 0;
    }

    private static List<Long> since(List<java.util.Map<String, Object>> states, String key, long from) {
        return states.stream().mapToLong(a -> time(a, key)).filter(t -> t != 0).map(t -> t - from).boxed().toList();
    }

    private static List<Long> between(List<java.util.Map<String, Object>> states, String from, String to) {
        return states.stream().filter(a -> time(a, from) != 0 && time(a, to) != 0)
                .map(a -> time(a, to) - time(a, from)).toList();
    }

    /** The processes of a browser: those whose command line names its profile folder. */
    static List<Long> pidsOf(WebDriver browser) throws IOException {
        String profile = "--user-data-dir=" + SfuBench.PROFILES.get(browser);
        List<Long> pids = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.matches("\\d+")) {
                    continue;
                }
                try {
                    String cmd = Files.readString(d.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.contains(profile)) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return pids;
    }

    /** CPU ticks (user and system) of these processes, those still running. */
    static long ticks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException gone) {
                // ended meanwhile
            }
        }
        return sum;
    }
}
