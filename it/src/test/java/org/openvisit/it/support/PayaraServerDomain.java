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
 */
public final class PayaraServerDomain implements AutoCloseable {

    private static final String DOMAIN = "openvisit-it";
    /** Offsets from the port base that create-domain assigns (admin 48, http 80, https 81, IIOP 37-39, JMS 76, JMX 86, OSGi 66, debug 9). */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 66, 76, 80, 81, 86};

    private final Path asadmin;
    private final Path domainDir;
    private final int portBase;
    private final int gridPort;
    private boolean started;

    private PayaraServerDomain(Path asadmin, Path domainDir, int portBase, int gridPort) {
        this.asadmin = asadmin;
        this.domainDir = domainDir;
        this.portBase = portBase;
        this.gridPort = gridPort;
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
        PayaraServerDomain domain = new PayaraServerDomain(asadmin, domains, freePortBase(), SharedServer.freePort());
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
    }

    public String deploy(Path archive, String name) throws IOException {
        return asadmin(300, "--port", Integer.toString(adminPort()), "deploy", "--name", name, archive.toString());
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

    @Override
    public void close() throws IOException {
        if (started) {
            asadmin(120, "stop-domain", "--kill=false", "--domaindir", domainDir.toString(), DOMAIN);
            started = false;
        }
    }

    private String asadmin(int timeoutSeconds, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(asadmin.toString(), "--interactive=false"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("asadmin", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + args[0] + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String text = Files.readString(output);
        Files.deleteIfExists(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed (exit "
                    + process.exitValue() + "):\n" + text);
        }
        return text;
    }

    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(200, 600) * 100;
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("No free block of ports found for a Payara Server domain");
    }

    private static boolean allFree(int base) {
        for (int offset : PORT_OFFSETS) {
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
