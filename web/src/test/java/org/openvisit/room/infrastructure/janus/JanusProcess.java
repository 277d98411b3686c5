package org.openvisit.room.infrastructure.janus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Debian {@code janus} started by a test with the shipped configuration ({@code server-config/janus}), its
 * Janus API and admin API moved to free loopback ports, and its secrets replaced by the test's. Skipped (an
 * assumption) where {@code /usr/bin/janus} is not installed; {@code .ci/run} installs it.
 */
final class JanusProcess implements AutoCloseable {

    static final String ADMIN_SECRET = "test-admin-secret-0123456789";
    static final String CREATE_KEY = "test-create-key-0123456789";
    private static final Path JANUS = Path.of("/usr/bin/janus");

    final URI apiUrl;
    final URI adminUrl;
    private final Process process;
    private final Path folder;

    private JanusProcess(URI apiUrl, URI adminUrl, Process process, Path folder) {
        this.apiUrl = apiUrl;
        this.adminUrl = adminUrl;
        this.process = process;
        this.folder = folder;
    }

    static JanusProcess start() throws Exception {
        assumeTrue(Files.isExecutable(JANUS), "Debian's janus is not installed (/usr/bin/janus): apt-get install janus");
        Path shipped = shippedConfiguration();
        Path folder = Files.createTempDirectory("janus-test");
        int api = freePort();
        int admin = freePort();
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f)
                        .replace("port = 8088", "port = " + api)
                        .replace("admin_port = 7088", "admin_port = " + admin)
                        .replace("change-me-janus-admin-secret", ADMIN_SECRET)
                        .replace("change-me-videoroom-create-key", CREATE_KEY);
                Files.writeString(folder.resolve(f.getFileName()), text);
            }
        }
        Process p = new ProcessBuilder(JANUS.toString(), "-F", folder.toString(), "-C",
                folder.resolve("janus.jcfg").toString(), "-o", "-r", "40000-40999")
                .redirectErrorStream(true).redirectOutput(folder.resolve("janus.log").toFile()).start();
        JanusProcess janus = new JanusProcess(URI.create("http://127.0.0.1:" + api + "/janus"),
                URI.create("http://127.0.0.1:" + admin + "/admin"), p, folder);
        janus.awaitReady();
        return janus;
    }

    static Path shippedConfiguration() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("server-config/janus");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new IllegalStateException("server-config/janus not found above " + Path.of("").toAbsolutePath());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("janus stopped at start: " + Files.readString(folder.resolve("janus.log")));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(adminUrl)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"janus\":\"ping\",\"transaction\":\"p\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.body().contains("pong")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("janus did not answer within 20 s");
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
