package org.openvisit.it.writeback;

import org.openvisit.it.support.SharedServer;
import org.openvisit.it.support.TestServerJvm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One OpenVisit node started by {@code server-config/start} without the bundled sandbox, with short
 * back-off, timeouts, leases and circuit times so that fault tests run in seconds. It can be killed
 * with SIGKILL and started again on the same data; each start logs to a file of its own.
 */
final class OpenVisitNode implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final String name;
    private final Path root;
    private final Path data;
    private final int port;
    private final int gridPort;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    OpenVisitNode(String name, Path root, Path output, String fhirBase, String adminPassword,
                  Map<String, String> extraEnvironment) throws IOException {
        this.name = name;
        this.root = root;
        this.port = SharedServer.freePort();
        this.gridPort = SharedServer.freePort();
        this.data = output.resolve("writeback-" + port);
        Files.createDirectories(data);
        environment = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("OPENVISIT_PORT", Integer.toString(port)),
                Map.entry("OPENVISIT_GRID_PORT", Integer.toString(gridPort)),
                Map.entry("OPENVISIT_DATA", data.resolve("data").toString()),
                Map.entry("OPENVISIT_SANDBOX", "false"),
                Map.entry("OPENVISIT_DEV_SANDBOX_FHIR_BASE", fhirBase),
                Map.entry("OPENVISIT_ADMIN_PASSWORD", adminPassword),
                Map.entry("OPENVISIT_JAVA_OPTS", TestServerJvm.options("700m")),
                Map.entry("OPENVISIT_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds())),
                Map.entry("OPENVISIT_WRITEBACK_NODE_NAME", name),
                Map.entry("OPENVISIT_WRITEBACK_POLL_INTERVAL_MS", "100"),
                Map.entry("OPENVISIT_WRITEBACK_BACKOFF_BASE_MS", "200"),
                Map.entry("OPENVISIT_WRITEBACK_BACKOFF_MAX_MS", "2000"),
                Map.entry("OPENVISIT_WRITEBACK_MAX_ATTEMPTS", "60"),
                Map.entry("OPENVISIT_WRITEBACK_CONNECT_TIMEOUT_MS", "1000"),
                Map.entry("OPENVISIT_WRITEBACK_REQUEST_TIMEOUT_MS", "1500"),
                Map.entry("OPENVISIT_WRITEBACK_LEASE_SECONDS", "10"),
                Map.entry("OPENVISIT_WRITEBACK_CIRCUIT_OPEN_MS", "1000"),
                Map.entry("OPENVISIT_WRITEBACK_CIRCUIT_MAX_OPEN_MS", "3000")));
        environment.putAll(extraEnvironment);
    }

    /** This node's HTTP port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** This node's data grid port on 127.0.0.1. */
    int gridPort() {
        return gridPort;
    }

    /** Makes this node a member of the data grid {@code clusterName} with {@code members} (host:port,...). */
    void joinGrid(String clusterName, String members) {
        environment.put("OPENVISIT_CLUSTER_NAME", clusterName);
        environment.put("OPENVISIT_GRID_MEMBERS", members);
    }

    /** Whether this node's server is running. */
    boolean running() {
        return process != null && process.isAlive();
    }

    /** The name this node's relay records in claims and attempts. */
    String name() {
        return name;
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create(origin() + "/").resolve(path);
    }

    void start() throws IOException, InterruptedException {
        Path log = data.resolve("openvisit-" + (++starts) + ".log");
        ProcessBuilder b = new ProcessBuilder(root.resolve("server-config/start").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(environment);
        process = b.start();
        Instant until = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(until)) {
            if (Files.exists(log) && Files.readString(log).contains("OpenVisit is ready after")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenVisit " + name + " stopped while starting: " + tail(log));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("OpenVisit " + name + " did not start in time: " + tail(log));
    }

    /** SIGKILL to OpenVisit's Java process (not the start script): no shutdown of any kind. */
    void kill() throws InterruptedException {
        List<ProcessHandle> javas = new ArrayList<>();
        process.toHandle().children().forEach(javas::add);
        for (ProcessHandle java : javas) {
            java.destroyForcibly();
        }
        for (ProcessHandle java : javas) {
            java.onExit().join();
        }
        process.waitFor();
    }

    /** Everything every start of this node logged. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            Path log = data.resolve("openvisit-" + i + ".log");
            if (Files.exists(log)) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 4000));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
