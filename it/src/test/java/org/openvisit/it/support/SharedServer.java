package org.openvisit.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one Payara Micro that the HTTP and browser tests share: OpenVisit and the EHR sandbox,
 * started by {@code server-config/start} exactly as a person starts them, on a free port with a
 * fresh data folder. It boots on first use and stops when the test JVM ends.
 */
public final class SharedServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** The first operator's password, chosen by the test run (OPENVISIT_ADMIN_PASSWORD). */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "it-" + java.util.UUID.randomUUID();
    private static final int FIRST_TEST_PORT = 20_000;
    /** Below {@link PayaraServerDomain}'s blocks (28000-32699), which are below the kernel's ephemeral ports. */
    private static final int LAST_TEST_PORT = 28_000;
    private static final java.util.Set<Integer> PORTS_GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The account the servers' Twilio-compatible carrier uses at the sandbox's Twilio stand-in (any SID of its form). */
    public static final String TWILIO_ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
    // volatile with a lock-free read: test classes run two at a time (it/pom.xml), and a class booting a server
    // of its own must not stop the other class from reaching the shared one
    private static volatile SharedServer instance;
    private static volatile SharedServer productionCookies;
    private static final Object PRODUCTION_COOKIES_LOCK = new Object();
    /** The TURN relay the shared server's rooms offer (coturn on 127.0.0.1). */
    private static volatile TurnServer turn;
    /** The group visits' SFU (Janus on 127.0.0.1), or null where Debian's janus is not installed. */
    private static volatile JanusServer janus;

    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final Path dataDir;
    private final int mllpPort;
    private final java.util.Map<String, String> configuration;
    private final String javaOptions;

    private SharedServer(Process process, URI baseUri, Path log, Path dataDir, int mllpPort,
                         java.util.Map<String, String> configuration, String javaOptions) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
        this.dataDir = dataDir;
        this.mllpPort = mllpPort;
        this.configuration = java.util.Map.copyOf(configuration);
        this.javaOptions = javaOptions;
    }

    /** The port of the shared server's MLLP listener (the SMS appointment feed), on 127.0.0.1. */
    public static int mllpPort() {
        return get().mllpPort;
    }

    /** OpenVisit's root, e.g. {@code http://127.0.0.1:41234/}. */
    public static URI baseUri() {
        return get().baseUri;
    }

    /** The EHR sandbox's root, e.g. {@code http://127.0.0.1:41234/ehr-sandbox/}. */
    public static URI sandboxUri() {
        return baseUri().resolve("/ehr-sandbox/");
    }

    /** An HTTP Basic Authorization header value for the first operator. */
    public static String operatorAuthorization() {
        return basic(ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    public static String basic(String username, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The server's console output, for assertions on what is (and is not) logged. */
    public static String logText() throws IOException {
        return Files.readString(get().log);
    }

    /**
     * The shared server's last warnings (for a failing test's message: CI shows the test output, not the server log);
     * empty when the server was not started by this JVM.
     */
    public static String lastWarnings() {
        SharedServer server = instance;
        if (server == null) {
            return "";
        }
        try {
            List<String> warnings = Files.readAllLines(server.log).stream()
                    .filter(l -> l.contains(" WARNING ") || l.contains(" SEVERE ")).toList();
            return "\nlast server warnings:\n" + String.join("\n", warnings.subList(Math.max(0, warnings.size() - 12),
                    warnings.size())).lines().map(l -> l.length() > 300 ? l.substring(0, 300) : l)
                    .collect(java.util.stream.Collectors.joining("\n"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The group visits' SFU of the shared server, empty where Debian's janus is not installed. */
    public static java.util.Optional<JanusServer> janus() {
        get();
        return java.util.Optional.ofNullable(janus);
    }

    /** The TURN server the shared server's rooms offer to browsers. */
    public static TurnServer turn() {
        get();
        return turn;
    }

    /** The data folder the server writes to (H2 database, keys). */
    public static Path dataDir() {
        return get().dataDir;
    }

    public static SharedServer get() {
        SharedServer started = instance;
        return started != null ? started : startShared();
    }

    private static synchronized SharedServer startShared() {
        if (instance == null) {
            try {
                turn = TurnServer.start(Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath());
            } catch (IOException e) {
                throw new IllegalStateException("Could not start coturn: " + e.getMessage(), e);
            }
            java.util.Map<String, String> configuration = new java.util.HashMap<>(turn.openVisitConfiguration());
            if (JanusServer.installed()) {
                try {
                    janus = JanusServer.start(Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath());
                } catch (IOException e) {
                    throw new IllegalStateException("Could not start janus: " + e.getMessage(), e);
                }
                configuration.putAll(janus.openVisitConfiguration());
            }
            // the shared server serves the whole run: it keeps the JVM's default compilation (C2 for what is hot)
            instance = start(configuration, TestServerJvm.longLived("768m"));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "stop-shared-payara-micro"));
        }
        return instance;
    }

    /**
     * A second server, started on first use only by the tests that need it: the same start, with the
     * production session cookie ({@code SameSite=None; Secure; Partitioned}) set by configuration
     * (OPENVISIT_SESSION_COOKIE_SECURE, OPENVISIT_SESSION_COOKIE_SAME_SITE) while the mode stays development
     * (so that the sandbox on http://localhost may be its EHR). Chromium keeps Secure cookies on
     * http://127.0.0.1 and http://localhost (potentially trustworthy origins); Java's HttpClient does not,
     * which is why the shared server keeps the development cookie.
     */
    public static SharedServer withProductionCookies() {
        synchronized (PRODUCTION_COOKIES_LOCK) {
            if (productionCookies == null) {
                SharedServer server = start(java.util.Map.of("OPENVISIT_SESSION_COOKIE_SECURE", "true",
                        "OPENVISIT_SESSION_COOKIE_SAME_SITE", "None"), TestServerJvm.options("768m"));
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-production-cookie-payara"));
                productionCookies = server;
            }
            return productionCookies;
        }
    }

    /**
     * A server of its own with extra configuration (environment variables of the start script), on an empty data
     * folder, stopped when the tests end; for the tests that need OpenVisit configured otherwise (a region's database
     * down, say).
     */
    public static SharedServer startedWith(java.util.Map<String, String> configuration) {
        SharedServer server = start(configuration, TestServerJvm.options("768m"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-configured-payara-micro"));
        return server;
    }

    /**
     * Kills this server as a crash would ({@code kill -9} of Payara Micro and of its start script): nothing of it runs
     * on, no shutdown work is done. Returns once the processes are gone.
     */
    public void killHard() {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The server did not die: " + e, e);
            }
        }
    }

    /**
     * This server started again after it stopped or was killed: the same port (the EHR sandbox's addresses the
     * organizations know stay true), the same data folder and configuration, with {@code changes} on top; its output
     * goes to a log of its own.
     */
    public SharedServer restarted(java.util.Map<String, String> changes) {
        java.util.Map<String, String> again = new java.util.HashMap<>(configuration);
        again.putAll(changes);
        SharedServer server;
        try {
            server = startOnce(again, javaOptions, baseUri.getPort(), dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Payara Micro again: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-restarted-payara-micro"));
        return server;
    }

    /** This server's console output. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** This server's data folder. */
    public Path data() {
        return dataDir;
    }

    /** This server's OpenVisit root, e.g. {@code http://127.0.0.1:41234/}. */
    public URI base() {
        return baseUri;
    }

    /**
     * Starts the server, once more on another port if the first start lost its port to another process
     * between choosing it and binding it (several builds share this machine).
     */
    private static SharedServer start(java.util.Map<String, String> configuration, String javaOptions) {
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(configuration, javaOptions);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static SharedServer startOnce(java.util.Map<String, String> configuration, String javaOptions) {
        try {
            Path output = Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath();
            int port = freePort();
            // per port, so that two test runs on one machine never share a database
            Path data = output.resolve("shared-server-" + port);
            deleteRecursively(data);
            Files.createDirectories(data);
            Files.deleteIfExists(output.resolve("shared-server-" + port + ".log"));
            return startOnce(configuration, javaOptions, port, data);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Payara Micro: " + e.getMessage(), e);
        }
    }

    private static SharedServer startOnce(java.util.Map<String, String> configuration, String javaOptions, int port,
                                          Path data) throws IOException {
        Path root = Path.of(System.getProperty("openvisit.root", "..")).toAbsolutePath().normalize();
        Path output = Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath();
        Path log = output.resolve("shared-server-" + port + ".log");
        for (int n = 2; Files.exists(log); n++) { // a server started again on this port: a log of its own
            log = output.resolve("shared-server-" + port + "-" + n + ".log");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", root.resolve("server-config/start").toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OPENVISIT_PORT", Integer.toString(port));
        builder.environment().put("OPENVISIT_DATA", data.toString());
        builder.environment().put("OPENVISIT_GRID_PORT", Integer.toString(freePort()));
        builder.environment().put("OPENVISIT_JAVA_OPTS", javaOptions);
        builder.environment().put("OPENVISIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("OPENVISIT_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds()));
        // every test signs in from 127.0.0.1: the address's own throttle would make one test wait for another's
        // wrong passwords (SignInProtectionIT tests the accounts' throttle; the address's is unit-tested)
        builder.environment().put("OPENVISIT_SIGN_IN_ADDRESS_FREE_FAILURES", "100000");
        builder.environment().put("OPENVISIT_SIGN_IN_ADDRESS_LOCKOUT_FAILURES", "100001");
        // an account's lockout within seconds, not minutes (SignInProtectionIT): a 3 s wait from the 4th failure,
        // the lock at the 6th
        builder.environment().put("OPENVISIT_SIGN_IN_FIRST_DELAY", "PT3S");
        builder.environment().put("OPENVISIT_SIGN_IN_MAX_DELAY", "PT3S");
        builder.environment().put("OPENVISIT_SIGN_IN_ACCOUNT_LOCKOUT_FAILURES", "6");
        // Microsoft Teams organizations reach the sandbox's stand-in for Entra and Graph on this very server
        builder.environment().put("OPENVISIT_TEAMS_LOGIN_BASE_URL", "http://127.0.0.1:" + port + "/ehr-sandbox/entra");
        builder.environment().put("OPENVISIT_TEAMS_GRAPH_BASE_URL", "http://127.0.0.1:" + port
                + "/ehr-sandbox/graph/v1.0");
        // TeamsLaunchIT: an open Teams visit's attendance reports are read every 2 s (the poller runs every 10 s)
        builder.environment().put("OPENVISIT_TEAMS_ATTENDANCE_INTERVAL_SECONDS", "2");
        // TeamsLaunchIT: Graph's (stand-in's) change notifications of call records come to this server, and a
        // subscription that failed (CallRecords.Read.All missing) is tried again after 5 s, not 15 minutes
        builder.environment().put("OPENVISIT_TEAMS_NOTIFICATION_URL", "http://127.0.0.1:" + port
                + "/teams/graph/notifications");
        builder.environment().put("OPENVISIT_TEAMS_SUBSCRIPTION_RETRY_SECONDS", "5");
        // SMS setup (SmsSetupIT): the built-in carrier gives numbers after 1.5 s, and fails the first attempt in
        // area code 212 so that the failure and Retry can be driven
        builder.environment().put("OPENVISIT_SMS_BUILTIN_PROVISIONING_DELAY_MS", "1500");
        builder.environment().put("OPENVISIT_SMS_BUILTIN_FAILING_AREA_CODES", "212");
        // a server started with OPENVISIT_SMS_CARRIER=twilio (RegionalStoresIT) speaks to the sandbox's Twilio stand-in,
        // which reports delivery back to this server with Twilio's signature
        builder.environment().put("OPENVISIT_SMS_TWILIO_BASE_URL", "http://127.0.0.1:" + port + "/ehr-sandbox/twilio");
        builder.environment().put("OPENVISIT_SMS_TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID);
        builder.environment().put("OPENVISIT_SMS_TWILIO_AUTH_TOKEN", "sandbox-twilio-auth-token");
        builder.environment().put("OPENVISIT_SMS_TWILIO_STATUS_CALLBACK_URL", "http://127.0.0.1:" + port
                + "/api/feeds/twilio/status");
        builder.environment().put("OPENVISIT_SMS_TWILIO_INBOUND_URL", "http://127.0.0.1:" + port
                + "/api/feeds/twilio/inbound");
        // the FHIR appointment poll reads small pages, so the tests follow the sandbox's next links
        builder.environment().put("OPENVISIT_SMS_FHIR_PAGE_SIZE", "2");
        // FhirSubscriptionIT: the sandbox EHR's rest-hook Subscriptions notify this server
        builder.environment().put("OPENVISIT_SMS_FHIR_SUBSCRIPTION_NOTIFICATION_URL", "http://127.0.0.1:" + port
                + "/api/fhir/subscriptions");
        // the SMS appointment feed's MLLP listener (SmsSetupIT sends SIU messages to it)
        int mllp = freePort();
        builder.environment().put("OPENVISIT_SMS_MLLP_PORT", Integer.toString(mllp));
        // the sandbox's appointments are up to three days ahead: their lobbies open a week before (the longest),
        // so that the tests' patients wait in the lobby; appt-1009, a month ahead, is still too early (TwoBrowserVisitIT)
        builder.environment().put("OPENVISIT_LOBBY_OPENS_MINUTES_BEFORE", "10080");
        builder.environment().putAll(configuration);
        Process process = builder.start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        awaitReady(process, base, log);
        return new SharedServer(process, base, log, data, mllp, configuration, javaOptions);
    }

    /**
     * Ready when the start script says so: it waits for OpenVisit's own readiness check and for the
     * EHR sandbox, as a person starting it would.
     */
    private static void awaitReady(Process process, URI base, Path log) throws IOException {
        // Payara Micro coming up without its HTTP listener ("GrizzlyProxy is NULL") is the start script's to handle: it
        // starts Payara again, up to three times, and exits with a message if that never works
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("OpenVisit is ready after")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited during start-up:\n" + tail(log));
            }
            sleep(Duration.ofMillis(500));
        }
        kill(process);
        throw new IllegalStateException("Payara Micro was not ready at " + base + " within " + START_TIMEOUT + ":\n"
                + tail(log));
    }

    /** The start script and the Payara Micro it started (killing only the script would leave Payara running). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Stops this server (TERM, then KILL after a minute); nothing happens to a server that is not running. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // the start script forwards TERM to Payara Micro and waits for it
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A port no one listens on, from below the kernel's range of ephemeral ports (32768-60999 on Debian), so that no
     * outgoing connection of any process can take it as its local port while a server of the tests needs it: a
     * server started again on its own port (RegionalStoresIT's crash test) found it held by such a connection and
     * could not listen. Never the same port twice in one run, so that two classes at once cannot be given one port.
     */
    public static int freePort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int tries = 0; tries < 1000; tries++) {
            int port = FIRST_TEST_PORT + random.nextInt(LAST_TEST_PORT - FIRST_TEST_PORT);
            if (!PORTS_GIVEN.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // someone listens there: another one
            }
        }
        throw new IOException("No free port between " + FIRST_TEST_PORT + " and " + LAST_TEST_PORT);
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
