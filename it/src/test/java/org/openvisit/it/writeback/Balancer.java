package org.openvisit.it.writeback;

import org.openvisit.it.support.SharedServer;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's nginx in front of the nodes, with the configuration OpenVisit ships
 * ({@code server-config/nginx/openvisit.conf.template}, filled in as {@code server-config/cluster-start} does):
 * round-robin for visits, stickiness by the node's route cookie for the portal, WebSocket upgrade for the
 * signalling sockets, passive health checks. Runs as the test's user with
 * its prefix under {@code target}, on a free loopback port.
 */
final class Balancer implements AutoCloseable {

    static final Path NGINX = Path.of(System.getProperty("openvisit.it.nginx", "/usr/sbin/nginx"));

    private final int port = SharedServer.freePort();
    private final Path prefix;
    private final Path conf;
    private Process process;

    Balancer(Path root, Path output, List<OpenVisitNode> nodes) throws IOException {
        prefix = output.resolve("nginx-" + port);
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        String servers = nodes.stream()
                .map(n -> "        server 127.0.0.1:" + n.port() + " max_fails=1 fail_timeout=10s;")
                .collect(Collectors.joining("\n"));
        StringBuilder routes = new StringBuilder();
        StringBuilder nodeUpstreams = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            String route = "n" + (i + 1);
            routes.append("        ").append(route).append("  openvisit_node_").append(route).append(";\n");
            nodeUpstreams.append("\n    upstream openvisit_node_").append(route).append(" {\n        server 127.0.0.1:")
                    .append(nodes.get(i).port()).append(" max_fails=1 fail_timeout=10s;\n");
            for (int j = 0; j < nodes.size(); j++) {
                if (j != i) {
                    nodeUpstreams.append("        server 127.0.0.1:").append(nodes.get(j).port()).append(" backup;\n");
                }
            }
            nodeUpstreams.append("        keepalive 8;\n    }\n");
        }
        String text = Files.readString(root.resolve("server-config/nginx/openvisit.conf.template"))
                .replace("@PREFIX@", prefix.toString())
                .replace("@LISTEN@", "127.0.0.1:" + port)
                .replace("@NODES@", servers)
                .replace("@ROUTES@", routes.toString().stripTrailing())
                .replace("@NODE_UPSTREAMS@", nodeUpstreams.toString().stripTrailing())
                .replace("@SANDBOX@", "");
        conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, text);
    }

    void start() throws IOException, InterruptedException {
        Path log = prefix.resolve("logs/console.log");
        process = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-e", prefix.resolve("logs/error.log").toString(),
                "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx stopped: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not listen in time: " + Files.readString(log));
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create(origin() + "/").resolve(path);
    }

    /** The balancer's access log: which node answered which request (no query strings). */
    String accessLog() throws IOException {
        Path log = prefix.resolve("logs/access.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: nginx's fast shutdown
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
