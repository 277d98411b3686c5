package org.openvisit.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A second Payara Micro, for the portal's OpenID Connect sign-in only: OpenVisit started by
 * {@code server-config/start} with {@code openvisit.portal.sign-in=oidc}, whose identity provider is the
 * EHR sandbox deployed on the same server ({@code {origin}/ehr-sandbox/fhir} as issuer; the sandbox has
 * a SMART configuration, no OpenID configuration). Own free port, own data folder; stopped by
 * {@link #close()}.
 */
public final class OidcServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "it-" + UUID.randomUUID();

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private OidcServer(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** OpenVisit's root, e.g. {@code http://127.0.0.1:41234/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The issuer OpenVisit is configured with: the sandbox's FHIR base on this server. */
    public String issuer() {
        return baseUri.resolve("/ehr-sandbox/fhir").toString();
    }

    public String operatorAuthorization() {
        return SharedServer.basic(ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    /**
     * Starts it with the username claim {@code usernameClaim} and any further configuration
     * ({@code OPENVISIT_*} environment variables).
     */
    public static OidcServer start(String usernameClaim, Map<String, String> extra) {
        try {
            Path root = Path.of(System.getProperty("openvisit.root", "..")).toAbsolutePath().normalize();
            Path output = Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath();
            int port = SharedServer.freePort();
            Path data = output.resolve("oidc-server-" + port);
            Files.createDirectories(data);
            Path log = output.resolve("oidc-server-" + port + ".log");
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", root.resolve("server-config/start").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("OPENVISIT_PORT", Integer.toString(port));
            env.put("OPENVISIT_DATA", data.toString());
            env.put("OPENVISIT_GRID_PORT", Integer.toString(SharedServer.freePort()));
            env.put("OPENVISIT_JAVA_OPTS", TestServerJvm.options("768m"));
            env.put("OPENVISIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("OPENVISIT_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds()));
            env.put("OPENVISIT_PORTAL_SIGN_IN", "oidc");
            env.put("OPENVISIT_OIDC_ISSUER", base.resolve("/ehr-sandbox/fhir").toString());
            env.put("OPENVISIT_OIDC_CLIENT_ID", "openvisit");
            // fhirUser: without it the sandbox, like real EHRs, names the user only by an opaque sub
            env.put("OPENVISIT_OIDC_SCOPES", "openid fhirUser profile");
            env.put("OPENVISIT_OIDC_USERNAME_CLAIM", usernameClaim);
            env.putAll(extra);
            Process process = builder.start();
            OidcServer server = new OidcServer(process, base, log);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.exists(log) && Files.readString(log).contains("OpenVisit is ready after")) {
                    return server;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("Payara Micro (OIDC) exited during start-up:\n" + SharedServer.tail(log));
                }
                Thread.sleep(500);
            }
            server.close();
            throw new IllegalStateException("Payara Micro (OIDC) was not ready within " + START_TIMEOUT + ":\n"
                    + SharedServer.tail(log));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Payara Micro (OIDC): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
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
}
