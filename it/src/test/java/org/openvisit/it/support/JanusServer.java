package org.openvisit.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SFU for the tests: Debian's {@code janus} with the shipped configuration ({@code server-config/janus}), its
 * Janus API and admin API on free ports of 127.0.0.1, ICE on the loopback interface only, secrets made for this run.
 * {@link #admin(String)} asks its admin API what the SFU holds.
 */
public final class JanusServer {

    public static final Path JANUS = Path.of("/usr/bin/janus");

    private final Process process;
    private final URI api;
    private final URI adminUrl;
    private final String adminSecret;
    private final String createKey;
    private final String roomSecret = "it-room-" + UUID.randomUUID();
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JanusServer(Process process, URI api, URI adminUrl, String adminSecret, String createKey, Path log) {
        this.process = process;
        this.api = api;
        this.adminUrl = adminUrl;
        this.adminSecret = adminSecret;
        this.createKey = createKey;
        this.log = log;
    }

    /** Whether Debian's janus is installed. */
    public static boolean installed() {
        return Files.isExecutable(JANUS);
    }

    public static JanusServer start(Path output) throws IOException {
        Path root = Path.of(System.getProperty("openvisit.root", "..")).toAbsolutePath().normalize();
        Path shipped = root.resolve("server-config/janus");
        int apiPort = SharedServer.freePort();
        int adminPort = SharedServer.freePort();
        Path folder = output.resolve("janus-" + apiPort);
        Files.createDirectories(folder);
        String adminSecret = "it-janus-" + UUID.randomUUID();
        String createKey = "it-create-" + UUID.randomUUID();
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f).replace("port = 8088", "port = " + apiPort)
                        .replace("admin_port = 7088", "admin_port = " + adminPort)
                        .replace("change-me-janus-admin-secret", adminSecret)
                        .replace("change-me-videoroom-create-key", createKey);
                Files.writeString(folder.resolve(f.getFileName()), text);
            }
        }
        Path log = output.resolve("janus-" + apiPort + ".log");
        // media on the loopback interface only (-E lo): the browsers of the tests are on this machine
        Process process = new ProcessBuilder(JANUS.toString(), "-F", folder.toString(), "-C",
                folder.resolve("janus.jcfg").toString(), "-o", "-E", "lo", "-r", "41000-41999")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JanusServer server = new JanusServer(process, URI.create("http://127.0.0.1:" + apiPort + "/janus"),
                URI.create("http://127.0.0.1:" + adminPort + "/admin"), adminSecret, createKey, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("janus exited at start:\n" + Files.readString(log));
            }
            try {
                if (server.admin("{\"janus\":\"ping\"}").contains("pong")) {
                    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-janus"));
                    return server;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("janus did not answer within 20 s:\n" + Files.readString(log));
    }

    /**
     * Sends {@code json} (a Janus admin request without transaction and secret) to the admin API; its answer.
     * {@code {"janus":"message_plugin",...}} reaches the VideoRoom plugin.
     */
    public String admin(String json) throws IOException {
        String body = json.substring(0, json.lastIndexOf('}')) + ",\"transaction\":\"it\",\"admin_secret\":\""
                + adminSecret + "\"}";
        try {
            return http.send(HttpRequest.newBuilder(adminUrl).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A VideoRoom request through the admin API. */
    public String videoRoom(String request) throws IOException {
        return admin("{\"janus\":\"message_plugin\",\"plugin\":\"janus.plugin.videoroom\",\"request\":" + request + "}");
    }

    /** The start script's environment that makes OpenVisit's group visits go through this Janus. */
    public Map<String, String> openVisitConfiguration() {
        return Map.of("OPENVISIT_ROOMS_SFU_ENABLED", "true",
                "OPENVISIT_ROOMS_SFU_URL", api.toString(),
                "OPENVISIT_ROOMS_SFU_ADMIN_URL", adminUrl.toString(),
                "OPENVISIT_ROOMS_SFU_ADMIN_SECRET", adminSecret,
                "OPENVISIT_ROOMS_SFU_CREATE_KEY", createKey,
                "OPENVISIT_ROOMS_SFU_ROOM_SECRET", roomSecret);
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
