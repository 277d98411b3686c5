package org.openvisit.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Payara Server domain, driven with asadmin as an administrator would: created on
 * free ports under target/, its data grid bound to 127.0.0.1, started, and removed afterwards.
 * It can hold a deployment group of local instances ({@link #planDeploymentGroup}, {@link #createDeploymentGroup},
 * {@link #startDeploymentGroup}) that share one configuration and the domain's data grid (TCP discovery on
 * 127.0.0.1 only); {@link #close()} stops the instances and the DAS, even after a failed step, and ends any of
 * their Java processes that did not stop.
 */
public final class PayaraServerDomain implements AutoCloseable {

    private static final String DOMAIN = "openvisit-it";
    /** The local node create-domain makes for the DAS's own machine. */
    private static final String NODE = "localhost-" + DOMAIN;
    public static final String GROUP = "openvisit-group";
    /** The one configuration every instance of the group uses (a copy of default-config). */
    public static final String GROUP_CONFIG = "openvisit-config";
    /** Offsets from the port base that create-domain assigns (admin 48, http 80, https 81, IIOP 37-39, JMS 76, JMX 86, OSGi 66, debug 9). */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 66, 76, 80, 81, 86};

    private final Path asadmin;
    private final Path domainDir;
    private final Path nodeDir;
    private final int portBase;
    private final int gridPort;
    private final List<Instance> instances = new ArrayList<>();
    private boolean started;
    private boolean groupStarted;

    private PayaraServerDomain(Path asadmin, Path domainDir, Path nodeDir, int portBase, int gridPort) {
        this.asadmin = asadmin;
        this.domainDir = domainDir;
        this.nodeDir = nodeDir;
        this.portBase = portBase;
        this.gridPort = gridPort;
    }

    /** One server instance of the deployment group on the DAS's local node, on ports from its own base. */
    public record Instance(String name, int portBase, Path directory) {

        public URI httpUri() {
            return URI.create("http://127.0.0.1:" + (portBase + 80) + "/");
        }

        public Path serverLog() {
            return directory.resolve("logs/server.log");
        }
    }

    /** Creates the domain; {@code jvmOptions} are added to it (system properties such as the database URL). */
    public static PayaraServerDomain create(Path payaraHome, Path workDir, List<String> jvmOptions) throws IOException {
        Path asadmin = payaraHome.resolve("bin/asadmin");
        if (!Files.isExecutable(asadmin)) {
            throw new IllegalStateException("Payara Server is not unpacked at " + payaraHome
                    + " (the it module's pre-integration-test phase unpacks it)");
        }
        Path domains = workDir.resolve("payara-domains");
        deleteRecursively(domains);
        Files.createDirectories(domains);
        // the local node keeps its instances under the installation; a previous run's are removed with the domain
        Path nodeDir = payaraHome.resolve("glassfish/nodes").resolve(NODE);
        deleteRecursively(nodeDir);
        PayaraServerDomain domain = new PayaraServerDomain(asadmin, domains, nodeDir, freePortBase(List.of()),
                freeGridBase());
        domain.asadmin(120, "create-domain", "--nopassword=true", "--portbase", Integer.toString(domain.portBase),
                "--domaindir", domains.toString(), DOMAIN);
        domain.configure(jvmOptions);
        return domain;
    }

    private void configure(List<String> jvmOptions) throws IOException {
        Path domainXml = domainDir.resolve(DOMAIN).resolve("config/domain.xml");
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        // the data grid: loopback only, TCP discovery of itself, ports of its own
        xml = xml.replaceFirst("<hazelcast-runtime-configuration [^>]*>",
                "<hazelcast-runtime-configuration start-port=\"" + gridPort + "\" das-port=\"" + gridPort
                        + "\" auto-increment-port=\"true\" interface=\"127.0.0.1\" das-bind-address=\"127.0.0.1\""
                        + " das-public-address=\"127.0.0.1\" discovery-mode=\"tcpip\" tcpip-members=\"127.0.0.1:"
                        + gridPort + "\" cluster-group-name=\"openvisit-it-" + gridPort + "\">");
        // the README's EAR steps for the HTTP listeners of server-config (default-config's carry no max-connections):
        // no blanket X-Frame-Options, no Server or X-Powered-By header, no listener limit on bodies (Payara's default,
        // written out: OpenVisit's own 413 answers instead of Payara's page, which names its version)
        xml = xml.replace("<http default-virtual-server=\"server\" max-connections=\"250\">",
                "<http default-virtual-server=\"server\" max-connections=\"250\" xframe-options=\"false\""
                        + " server-header=\"false\" xpowered-by=\"false\" max-post-size-bytes=\"-1\">");
        StringBuilder options = new StringBuilder("<jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>");
        for (String option : TestServerJvm.compilerOptions()) {
            options.append("<jvm-options>").append(option).append("</jvm-options>");
        }
        for (String option : jvmOptions) {
            options.append("<jvm-options>").append(escape(option)).append("</jvm-options>");
        }
        // the first java-config is the DAS's (server-config)
        int javaConfig = xml.indexOf("<java-config");
        int end = xml.indexOf(">", javaConfig) + 1;
        xml = xml.substring(0, end) + options + xml.substring(end);
        Files.writeString(domainXml, xml, StandardCharsets.UTF_8);
    }

    public void start() throws IOException {
        asadmin(240, "start-domain", "--domaindir", domainDir.toString(), DOMAIN);
        started = true;
        // start-domain may report success for a DAS whose admin listener never opened: say so with its log, not later
        // as "Remote server does not listen" from the next command
        try (java.net.Socket admin = new java.net.Socket()) {
            admin.connect(new java.net.InetSocketAddress("127.0.0.1", adminPort()), 5_000);
        } catch (IOException closed) {
            throw new IllegalStateException("The domain started but its admin port " + adminPort() + " is closed ("
                    + closed.getMessage() + "); the end of its server.log:\n"
                    + (Files.exists(serverLog()) ? SharedServer.tail(serverLog()) : "(no log)"), closed);
        }
    }

    public String deploy(Path archive, String name) throws IOException {
        return asadmin(300, "--port", Integer.toString(adminPort()), "deploy", "--name", name, archive.toString());
    }

    /**
     * Chooses the names and free port bases of {@code count} instances of the deployment group (nothing is created
     * yet), so that their addresses can go into the configuration the group is created with.
     */
    public List<Instance> planDeploymentGroup(int count) {
        if (!instances.isEmpty()) {
            throw new IllegalStateException("The deployment group is planned already");
        }
        List<Integer> taken = new ArrayList<>(List.of(portBase));
        for (int i = 1; i <= count; i++) {
            int base = freePortBase(taken);
            taken.add(base);
            instances.add(new Instance("openvisit-" + i, base, nodeDir.resolve("openvisit-" + i)));
        }
        return List.copyOf(instances);
    }

    /**
     * Creates the planned deployment group as the README's steps do: one configuration copied from default-config
     * with {@code jvmOptions} and the HTTP listener settings, the domain's data grid on TCP discovery between the
     * DAS and the instances on 127.0.0.1 only, and the instances on the DAS's local node. The DAS must run.
     */
    public void createDeploymentGroup(List<String> jvmOptions) throws IOException {
        if (instances.isEmpty()) {
            throw new IllegalStateException("Plan the deployment group first");
        }
        remote(60, "create-deployment-group", GROUP);
        remote(60, "copy-config", "default-config", GROUP_CONFIG);
        String listener = "configs.config." + GROUP_CONFIG + ".network-config.protocols.protocol.http-listener-1.http.";
        String address = "configs.config." + GROUP_CONFIG
                + ".network-config.network-listeners.network-listener.http-listener-1.address=127.0.0.1";
        remote(60, "set", listener + "xframe-options=false", listener + "server-header=false",
                listener + "xpowered-by=false", listener + "max-post-size-bytes=-1", address);
        List<String> options = new ArrayList<>(List.of("-Dhazelcast.socket.bind.any=false"));
        options.addAll(TestServerJvm.compilerOptions());
        options.addAll(jvmOptions);
        // asadmin separates JVM options by colons: a colon inside one is written \:
        remote(60, "create-jvm-options", "--target", GROUP_CONFIG, "--",
                String.join(":", options.stream().map(o -> o.replace(":", "\\:")).toList()));
        // the DAS listens on gridPort, the instances from gridPort + 1 upwards, all on 127.0.0.1 and nowhere else
        StringBuilder members = new StringBuilder("127.0.0.1:" + gridPort);
        for (int i = 1; i <= instances.size(); i++) {
            members.append(",127.0.0.1:").append(gridPort + i);
        }
        remote(60, "set-hazelcast-configuration", "--dynamic=false", "--clustermode", "tcpip",
                "--tcpipmembers", members.toString(), "--interfaces", "127.0.0.1",
                "--dasbindaddress", "127.0.0.1", "--daspublicaddress", "127.0.0.1",
                "--dasport", Integer.toString(gridPort), "--startport", Integer.toString(gridPort + 1),
                "--autoincrementport", "true", "--clustername", "openvisit-it-" + gridPort);
        // --portbase gives an instance its HTTP, admin and other ports, but not its data grid port (default-config's
        // HZ_LISTENER_PORT, 5900 for all): each instance gets the one the members list names for it
        int grid = gridPort;
        for (Instance instance : instances) {
            remote(180, "create-instance", "--node", NODE, "--config", GROUP_CONFIG, "--deploymentgroup", GROUP,
                    "--portbase", Integer.toString(instance.portBase()),
                    "--systemproperties", "HZ_LISTENER_PORT=" + (++grid), instance.name());
        }
    }

    /** Deploys an archive to the deployment group (its instances load it when they start). */
    public String deployToGroup(Path archive, String name, String contextRoot) throws IOException {
        List<String> args = new ArrayList<>(List.of("deploy", "--target", GROUP, "--name", name));
        if (contextRoot != null) {
            args.addAll(List.of("--contextroot", contextRoot));
        }
        args.add(archive.toString());
        return remote(600, args.toArray(String[]::new));
    }

    /** Starts every instance of the group at once and waits until each has started. */
    public String startDeploymentGroup() throws IOException {
        groupStarted = true; // a start that failed half-way may still have left instances running
        return remote(600, "start-deployment-group", GROUP);
    }

    /** Starts one instance of the group and waits until it has started (not until its applications have). */
    public String startInstance(Instance instance) throws IOException {
        groupStarted = true;
        return remote(600, "start-instance", instance.name());
    }

    /** The data grid's members as the DAS sees them (asadmin list-hazelcast-cluster-members). */
    public String gridMembers() throws IOException {
        return remote(60, "list-hazelcast-cluster-members");
    }

    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + (portBase + 80) + "/");
    }

    public int adminPort() {
        return portBase + 48;
    }

    public Path serverLog() {
        return domainDir.resolve(DOMAIN).resolve("logs/server.log");
    }

    /**
     * Stops the group's instances and the DAS; a step that fails does not keep the next from running, and any Java
     * process of this domain or its instances still alive afterwards is ended (by its pid, found by this domain's
     * own directories on its command line). The first failure is thrown at the end.
     */
    @Override
    public void close() throws IOException {
        List<RuntimeException> failures = new ArrayList<>();
        if (groupStarted && started) {
            try {
                remote(180, "stop-deployment-group", GROUP);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        groupStarted = false;
        if (started) {
            try {
                asadmin(120, "stop-domain", "--kill=false", "--domaindir", domainDir.toString(), DOMAIN);
            } catch (RuntimeException e) {
                failures.add(e);
            }
            started = false;
        }
        List<Long> ended = endLeftoverProcesses();
        if (!ended.isEmpty()) {
            failures.add(new IllegalStateException("Java processes of the domain were still running and were ended: "
                    + ended));
        }
        deleteRecursively(nodeDir);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** The pids of this domain's DAS and instances (their command lines name this domain's directories). */
    public List<Long> processes() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(domainDir.toString()) || c.contains(nodeDir.toString())).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private List<Long> endLeftoverProcesses() {
        List<Long> left = processes();
        for (long pid : left) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> p).join();
            });
        }
        return left;
    }

    private String remote(int timeoutSeconds, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(adminPort())));
        all.addAll(List.of(args));
        return asadmin(timeoutSeconds, all.toArray(String[]::new));
    }

    private String asadmin(int timeoutSeconds, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(asadmin.toString(), "--interactive=false"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("asadmin", ".log");
        long began = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String text = Files.readString(output);
        Files.deleteIfExists(output);
        System.out.printf("asadmin %s: %.1f s%n", java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")
                && !a.matches("\\d+")).findFirst().orElse(args[0]), (System.nanoTime() - began) / 1e9);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed (exit "
                    + process.exitValue() + "):\n" + text);
        }
        return text;
    }

    /**
     * A block of 100 ports from 28000-32699: below the kernel's ephemeral range (32768-60999 on Debian), where any
     * outgoing connection may take a port the DAS or an instance is about to listen on (a CI run's DAS on base 41500
     * came up without its admin listener, 41548), and above {@link SharedServer#freePort()}'s ports.
     */
    private static int freePortBase(List<Integer> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(280, 327) * 100;
            if (!taken.contains(base) && allFree(base, PORT_OFFSETS)) {
                return base;
            }
        }
        throw new IllegalStateException("No free block of ports found for a Payara Server domain");
    }

    /** A free port with the four after it free as well: the data grid ports of the DAS and (up to 4) instances. */
    private static int freeGridBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(1000, 1990) * 10 + 1;
            if (allFree(base, new int[] {0, 1, 2, 3, 4})) {
                return base;
            }
        }
        throw new IllegalStateException("No free block of ports found for the data grid");
    }

    private static boolean allFree(int base, int[] offsets) {
        for (int offset : offsets) {
            try (ServerSocket socket = new ServerSocket(base + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
