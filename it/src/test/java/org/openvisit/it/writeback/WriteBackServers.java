package org.openvisit.it.writeback;

import org.openvisit.it.support.SharedServer;
import org.openvisit.it.support.TestServerJvm;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The EHR sandbox on its own Payara Micro and one or more OpenVisit nodes ({@link OpenVisitNode}), all
 * on free loopback ports with data under {@code target}; every node's demo endpoint points at this
 * sandbox. The nodes share whatever the extra environment gives them (a PostgreSQL database and a
 * master key make a cluster; without, each has its own embedded H2); two or more nodes form one data grid
 * (TCP discovery on 127.0.0.1), which holds the live rooms.
 */
final class WriteBackServers implements AutoCloseable {

    static final String ADMIN_PASSWORD = "wb-it-" + UUID.randomUUID();

    private final Path root = Path.of(System.getProperty("openvisit.root", "..")).toAbsolutePath().normalize();
    private final Path output = Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath();
    private final int sandboxPort;
    private final List<OpenVisitNode> nodes = new ArrayList<>();
    private Process sandbox;

    WriteBackServers() throws IOException {
        this(1, Map.of());
    }

    WriteBackServers(int nodeCount, Map<String, String> sharedEnvironment) throws IOException {
        sandboxPort = SharedServer.freePort();
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new OpenVisitNode("wb-node-" + i, root, output, fhirBase(), ADMIN_PASSWORD, sharedEnvironment));
        }
        if (nodeCount > 1) { // one data grid: the live rooms are shared
            String members = String.join(",", nodes.stream().map(n -> "127.0.0.1:" + n.gridPort()).toList());
            nodes.forEach(n -> n.joinGrid("wb-cluster-" + sandboxPort, members));
        }
    }

    /** nginx in front of every node, with the shipped configuration (not started). */
    Balancer balancer() throws IOException {
        return new Balancer(root, output, nodes);
    }

    OpenVisitNode node(int index) {
        return nodes.get(index);
    }

    URI openVisit(String path) {
        return nodes.get(0).uri(path);
    }

    URI sandbox(String path) {
        return URI.create("http://127.0.0.1:" + sandboxPort + "/ehr-sandbox/").resolve(path);
    }

    String fhirBase() {
        return "http://127.0.0.1:" + sandboxPort + "/ehr-sandbox/fhir";
    }

    /**
     * The sandbox and the first node side by side: two boots at once take less time on two cores than one after
     * the other, and the node needs the sandbox only once a launch or a delivery comes.
     */
    void startSandboxAndFirstNode() throws Exception {
        FutureTask<Void> sandboxUp = new FutureTask<>(() -> {
            startSandbox();
            return null;
        });
        new Thread(sandboxUp, "sandbox-start").start();
        nodes.get(0).start();
        try {
            sandboxUp.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Payara Micro now and then comes up without a working HTTP listener (its log says ready, and the port never answers:
     * a clean-clone run of 2026-12-07 waited 10 minutes for the metadata). The start script starts such a server again;
     * the sandbox, started here without it, gets the same: up to three starts, each with a thread dump kept beside its
     * log when it is given up.
     */
    private void startSandbox() throws IOException, InterruptedException {
        Path log = output.resolve("writeback-sandbox-" + sandboxPort + ".log");
        for (int attempt = 1; ; attempt++) {
            sandbox = launchSandbox(log);
            try {
                awaitHttp(sandbox("fhir/metadata"), sandbox, log);
                return;
            } catch (SandboxNotAnswering e) {
                dumpThreads(sandbox, output.resolve("writeback-sandbox-" + sandboxPort + "-attempt-" + attempt + ".threads"));
                sandbox.destroyForcibly().waitFor();
                if (attempt == 3) {
                    throw new IllegalStateException("The sandbox did not answer in three starts: " + e.getMessage());
                }
                System.err.println("The EHR sandbox did not answer (" + e.getMessage().lines().findFirst().orElse("")
                        + "); starting it again");
                Thread.sleep(2000);
            }
        }
    }

    private Process launchSandbox(Path log) throws IOException {
        int grid = SharedServer.freePort();
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(TestServerJvm.options("400m").split(" ")));
        command.addAll(List.of("-Dhazelcast.socket.bind.any=false",
                "-Dsandbox.openvisit.origin=" + nodes.get(0).origin(),
                "-jar", root.resolve("micro/target/payara-micro.jar").toString(),
                "--clustermode", "tcpip:127.0.0.1:" + grid, "--interfaces", "127.0.0.1",
                "--clustername", "wb-sandbox-" + sandboxPort, "--startport", Integer.toString(grid),
                "--port", Integer.toString(sandboxPort),
                "--logproperties", root.resolve("server-config/logging.properties").toString(),
                "--deploy", root.resolve("ehr-sandbox/target/ehr-sandbox.war").toString()));
        // appended: a restarted sandbox's log follows the one given up
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static void dumpThreads(Process process, Path file) {
        try {
            new ProcessBuilder("jcmd", Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(file.toFile()).start().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            System.err.println("No thread dump of the sandbox: " + e);
        }
    }

    /** Starts the first node (again, after a kill). */
    void startOpenVisit() throws IOException, InterruptedException {
        nodes.get(0).start();
    }

    void killOpenVisit() throws InterruptedException {
        nodes.get(0).kill();
    }

    /** How long a sandbox whose log says it is up may go on not answering before it is started again. */
    private static final Duration ANSWER_AFTER_READY = Duration.ofMinutes(2);

    private static void awaitHttp(URI uri, Process process, Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant until = Instant.now().plus(OpenVisitNode.START_TIMEOUT);
        Instant readySince = null;
        String lastAnswer = "none";
        long logStart = Files.size(log);
        while (Instant.now().isBefore(until)) {
            try {
                int status = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                lastAnswer = "HTTP " + status;
            } catch (IOException notYet) {
                lastAnswer = notYet.toString(); // starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The sandbox stopped while starting: " + OpenVisitNode.tail(log));
            }
            String thisStart = logSince(log, logStart);
            if (thisStart.contains("GrizzlyProxy is NULL")) {
                throw new SandboxNotAnswering("Payara Micro started without its HTTP listener");
            }
            if (readySince == null && thisStart.contains(" ready in ")) {
                readySince = Instant.now();
            }
            if (readySince != null && Instant.now().isAfter(readySince.plus(ANSWER_AFTER_READY))) {
                throw new SandboxNotAnswering("ready for " + ANSWER_AFTER_READY.toSeconds() + " s, " + uri
                        + " last answered: " + lastAnswer + "\n" + OpenVisitNode.tail(log));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The sandbox did not start in time (" + uri + " last answered: " + lastAnswer + "): "
                + OpenVisitNode.tail(log));
    }

    /** What the log gained since {@code offset} (this start's lines; the file holds the earlier starts' too). */
    private static String logSince(Path log, long offset) throws IOException {
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(log)) {
            return new String(java.nio.channels.Channels.newInputStream(channel.position(offset)).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A sandbox that is up but does not answer: started again. */
    private static final class SandboxNotAnswering extends IllegalStateException {
        SandboxNotAnswering(String message) {
            super(message);
        }
    }

    /** What every node logged, over all its starts. */
    String openVisitLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (OpenVisitNode node : nodes) {
            all.append(node.logs());
        }
        return all.toString();
    }

    @Override
    public void close() {
        nodes.forEach(OpenVisitNode::close);
        if (sandbox != null && sandbox.isAlive()) {
            sandbox.destroy();
            try {
                sandbox.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
