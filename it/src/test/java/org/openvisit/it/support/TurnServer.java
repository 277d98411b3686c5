package org.openvisit.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real TURN server for the tests: Debian's coturn on 127.0.0.1 (UDP and TCP on one free port), checking
 * OpenVisit's time-limited credentials under a secret made for this run, with loopback peers allowed (the browsers
 * of the tests are on this machine). Also runs coturn's own client, {@code turnutils_uclient}, to try a credential.
 */
public final class TurnServer {

    public static final String SERVER = "/usr/bin/turnserver";
    public static final String CLIENT = "/usr/bin/turnutils_uclient";
    public static final String REALM = "openvisit.test";

    private static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();

    private final Process process;
    private final int port;
    private final String secret;
    private final Path log;

    private TurnServer(Process process, int port, String secret, Path log) {
        this.process = process;
        this.port = port;
        this.secret = secret;
        this.log = log;
    }

    public static TurnServer start(Path output) throws IOException {
        if (!Files.isExecutable(Path.of(SERVER)) || !Files.isExecutable(Path.of(CLIENT))) {
            throw new IllegalStateException("The room tests need Debian's coturn (TURN server and client): "
                    + "apt-get install -y coturn");
        }
        int port = SharedServer.freePort();
        String secret = "it-turn-" + UUID.randomUUID();
        Path log = output.resolve("turnserver-" + port + ".log");
        // coturn's log on stdout is block-buffered without a terminal: stdbuf makes it line by line
        Process process = new ProcessBuilder(List.of("stdbuf", "-oL", SERVER, "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
                "--listening-port=" + port, "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=" + REALM,
                "--no-tls", "--no-dtls", "--allow-loopback-peers", "--no-multicast-peers", "--no-cli",
                "--no-software-attribute", "--log-file=stdout", "--simple-log", "--pidfile=" + output.resolve(
                        "turnserver-" + port + ".pid")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TurnServer server = new TurnServer(process, port, secret, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(log).contains("Total General servers") && System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("coturn exited at start:\n" + Files.readString(log));
            }
            sleep(100);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-turnserver"));
        return server;
    }

    /**
     * coturn inside network namespace {@code ns} of {@code net}, on {@code address} only, with the same secret as
     * {@code like} (so that the credentials the shared server mints work here too): plain TURN on UDP and TCP 3478, and
     * TCP 443 (TLS, with a certificate made for this run, and plain TCP too: coturn takes both on its TLS port).
     * {@code stunOnly}: answers STUN binding requests but relays nothing (TURN switched off).
     */
    public static TurnServer startIn(NetNamespaces net, String ns, String address, TurnServer like, boolean stunOnly,
                                     Path output) throws IOException {
        Path key = output.resolve("turn-namespace.key");
        Path cert = output.resolve("turn-namespace.crt");
        if (!Files.exists(cert)) {
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=turn.openvisit.test", "-keyout", key.toString(), "-out", cert.toString())
                    .redirectErrorStream(true).redirectOutput(output.resolve("turn-namespace-openssl.log").toFile())
                    .start();
            try {
                if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                    throw new IllegalStateException("openssl could not make the TURN server's test certificate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        Path log = output.resolve("turnserver-" + ns + (stunOnly ? "-stun-only-" : "-") + STARTS.incrementAndGet() + ".log");
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", SERVER, "--listening-ip=" + address, "--relay-ip=" + address,
                "--listening-port=3478", "--tls-listening-port=443", "--cert=" + cert, "--pkey=" + key, "--no-dtls",
                "--use-auth-secret", "--static-auth-secret=" + like.secret, "--realm=" + REALM, "--no-multicast-peers",
                "--no-cli", "--no-software-attribute", "--log-file=stdout", "--simple-log", "--verbose",
                "--pidfile=" + output.resolve("turnserver-" + ns + ".pid")));
        if (stunOnly) {
            command.add("--stun-only");
        }
        Process process = net.start(ns, log, command.toArray(String[]::new));
        TurnServer server = new TurnServer(process, 3478, like.secret, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(log).contains("Total General servers") && System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("coturn exited at start:\n" + Files.readString(log));
            }
            sleep(100);
        }
        return server;
    }

    /** Stops this coturn and waits for it to be gone. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The start script's environment that points OpenVisit at this server (UDP and TCP relays). */
    public Map<String, String> openVisitConfiguration() {
        return Map.of("OPENVISIT_ROOMS_ICE_SERVERS", "turn:127.0.0.1:" + port + "?transport=tcp,turn:127.0.0.1:" + port
                        + "?transport=udp",
                "OPENVISIT_ROOMS_TURN_SECRET", secret);
    }

    public int port() {
        return port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /**
     * Tries {@code username}/{@code password} with coturn's own client: an allocation, a permission and a few
     * packets relayed to a peer on this machine ({@code tcp}: over TCP to the TURN server). True when they came back.
     */
    public boolean relays(String username, String password, boolean tcp) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CLIENT, "-y", "-n", "2", "-m", "1", "-l", "64",
                "-u", username, "-w", password, "-p", Integer.toString(port)));
        if (tcp) {
            command.add("-t");
        }
        command.add("127.0.0.1");
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = client.getInputStream().readAllBytes();
        if (!client.waitFor(30, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            return false;
        }
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        return client.exitValue() == 0 && text.contains("Total lost packets 0") && !text.contains("Cannot complete");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
