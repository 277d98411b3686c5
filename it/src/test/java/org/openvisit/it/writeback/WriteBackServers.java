package org.openvisit.it.writeback;

import org.openvisit.it.support.SharedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The EHR sandbox on its own Payara Micro and OpenVisit started by {@code server-config/start} (without
 * the bundled sandbox, its demo endpoint pointing at this one), with short back-off, timeouts, leases
 * and circuit times so that the fault tests run in seconds. Both on free loopback ports, data under
 * {@code target}. OpenVisit can be killed with SIGKILL and started again on the same data.
 */
final class WriteBackServers implements AutoCloseable {

    static final String ADMIN_PASSWORD = "wb-it-" + UUID.randomUUID();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Path root = Path.of(System.getProperty("openvisit.root", "..")).toAbsolutePath().normalize();
    private final Path output = Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath();
    private final int sandboxPort;
    private final int openVisitPort;
    private final int openVisitGridPort;
    private final Path data;
    private Process sandbox;
    private Process openVisit;
    private int starts;

    WriteBackServers() throws IOException {
        sandboxPort = SharedServer.freePort();
        openVisitPort = SharedServer.freePort();
        openVisitGridPort = SharedServer.freePort();
        data = output.resolve("writeback-" + openVisitPort);
        Files.createDirectories(data);
    }

    URI openVisit(String path) {
        return URI.create("http://127.0.0.1:" + openVisitPort + "/").resolve(path);
    }

    URI sandbox(String path) {
        return URI.create("http://127.0.0.1:" + sandboxPort + "/ehr-sandbox/").resolve(path);
    }

    String fhirBase() {
        return "http://127.0.0.1:" + sandboxPort + "/ehr-sandbox/fhir";
    }

    void startSandbox() throws IOException, InterruptedException {
        int grid = SharedServer.freePort();
        Path log = data.resolve("sandbox.log");
        ProcessBuilder b = new ProcessBuilder("java", "-Xmx400m", "-Dhazelcast.socket.bind.any=false",
                "-Dsandbox.openvisit.origin=http://127.0.0.1:" + openVisitPort,
                "-jar", root.resolve("micro/target/payara-micro.jar").toString(),
                "--clustermode", "tcpip:127.0.0.1:" + grid, "--interfaces", "127.0.0.1",
                "--clustername", "wb-sandbox-" + sandboxPort, "--startport", Integer.toString(grid),
                "--port", Integer.toString(sandboxPort),
                "--logproperties", root.resolve("server-config/logging.properties").toString(),
                "--deploy", root.resolve("ehr-sandbox/target/ehr-sandbox.war").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        sandbox = b.start();
        awaitHttp(sandbox(("fhir/metadata")), sandbox, log);
    }

    void startOpenVisit() throws IOException, InterruptedException {
        Path log = data.resolve("openvisit-" + (++starts) + ".log");
        ProcessBuilder b = new ProcessBuilder(root.resolve("server-config/start").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = b.environment();
        env.put("OPENVISIT_PORT", Integer.toString(openVisitPort));
        env.put("OPENVISIT_GRID_PORT", Integer.toString(openVisitGridPort));
        env.put("OPENVISIT_DATA", data.resolve("data").toString());
        env.put("OPENVISIT_SANDBOX", "false");
        env.put("OPENVISIT_DEV_SANDBOX_FHIR_BASE", fhirBase());
        env.put("OPENVISIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("OPENVISIT_JAVA_OPTS", "-Xmx700m");
        env.put("OPENVISIT_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds()));
        env.put("OPENVISIT_WRITEBACK_POLL_INTERVAL_MS", "100");
        env.put("OPENVISIT_WRITEBACK_BACKOFF_BASE_MS", "200");
        env.put("OPENVISIT_WRITEBACK_BACKOFF_MAX_MS", "2000");
        env.put("OPENVISIT_WRITEBACK_MAX_ATTEMPTS", "60");
        env.put("OPENVISIT_WRITEBACK_CONNECT_TIMEOUT_MS", "1000");
        env.put("OPENVISIT_WRITEBACK_REQUEST_TIMEOUT_MS", "1500");
        env.put("OPENVISIT_WRITEBACK_LEASE_SECONDS", "10");
        env.put("OPENVISIT_WRITEBACK_CIRCUIT_OPEN_MS", "1000");
        env.put("OPENVISIT_WRITEBACK_CIRCUIT_MAX_OPEN_MS", "3000");
        openVisit = b.start();
        awaitLine(log, "OpenVisit is ready after", openVisit);
    }

    /** SIGKILL to OpenVisit's Java process (not the start script): no shutdown of any kind. */
    void killOpenVisit() throws InterruptedException {
        List<ProcessHandle> javas = new ArrayList<>();
        openVisit.toHandle().children().forEach(javas::add);
        for (ProcessHandle java : javas) {
            java.destroyForcibly();
        }
        for (ProcessHandle java : javas) {
            java.onExit().join();
        }
        openVisit.waitFor();
    }

    private static void awaitLine(Path log, String line, Process process) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(until)) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenVisit stopped while starting: " + tail(log));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("OpenVisit did not start in time: " + tail(log));
    }

    private static void awaitHttp(URI uri, Process process, Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant until = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(until)) {
            try {
                if (client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The sandbox stopped while starting: " + tail(log));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The sandbox did not start in time: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 4000));
    }

    String openVisitLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            Path log = data.resolve("openvisit-" + i + ".log");
            if (Files.exists(log)) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        for (Process p : new Process[]{openVisit, sandbox}) {
            if (p != null && p.isAlive()) {
                p.toHandle().descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
