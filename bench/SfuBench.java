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
 * one clock, in the page) when it first decodes the clinician's video and when it decodes everyone's. CPU (from
 * /proc, per process) and RSS of Janus and OpenVisit over 20 s with the clinician alone in the call, and over 20 s
 * with everyone in it. Prints figures, asserts nothing.
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
        if (people < 5) {
            throw new IllegalArgumentException("5 people or more: four and fewer stay a mesh");
        }
        List<WebDriver> browsers = new ArrayList<>();
        try {
            WebDriver doc = browser(1024, 640);
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
            for (int i = 1; i < people; i++) {
                WebDriver b = browser(480, 360);
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
            System.out.println("target (issue 21): 12 people, join-to-first-frame p99 <= 3000 ms");

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

    private static String summary(List<Long> ms) {
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

    private static WebDriver browser(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("sfu-bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile,
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required"));
        if (SMALL_CAMERA) { // the integration test's camera: 160 x 120 at 10 frames a second
            options.addArguments("--use-file-for-fake-video-capture=" + org.openvisit.it.rooms.SmallCamera.file());
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static WebDriverWait wait(WebDriver d, int seconds) {
        WebDriverWait w = new WebDriverWait(d, Duration.ofSeconds(seconds));
        w.ignoring(org.openqa.selenium.NoSuchElementException.class);
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    private static JavascriptExecutor js(WebDriver d) {
        return (JavascriptExecutor) d;
    }
}
