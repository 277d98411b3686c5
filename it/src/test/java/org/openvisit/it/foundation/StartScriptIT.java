package org.openvisit.it.foundation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * server-config/start refuses to start, with a clear message and a non-zero exit, when it cannot
 * work. (That it starts and prints the URL is proven by every test using the shared server.)
 */
class StartScriptIT {

    private static final Path ROOT = Path.of(System.getProperty("openvisit.root", "..")).toAbsolutePath().normalize();

    record Outcome(int exitCode, String output) {
    }

    private static Outcome run(Path script, Map<String, String> environment) throws IOException, InterruptedException {
        return run(script, environment, 60);
    }

    private static Outcome run(Path script, Map<String, String> environment, int seconds)
            throws IOException, InterruptedException {
        // to a file, not a pipe: Payara's console would fill a pipe nobody reads while the script runs
        Path output = Files.createTempFile("start-script", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            assertThat(ended).as("the script gave up within %d s", seconds).isTrue();
            return new Outcome(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void aTakenPortIsNamedAndNothingStarts(@TempDir Path data) throws Exception {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run(ROOT.resolve("server-config/start"), Map.of(
                    "OPENVISIT_PORT", Integer.toString(occupied.getLocalPort()),
                    "OPENVISIT_DATA", data.toString()));

            assertThat(outcome.exitCode()).isNotZero();
            assertThat(outcome.output()).contains("port " + occupied.getLocalPort() + " is taken");
            assertThat(outcome.output()).doesNotContain("Payara Micro");
        }
    }

    @Test
    void aPortThatIsNotANumberIsRefused(@TempDir Path data) throws Exception {
        Outcome outcome = run(ROOT.resolve("server-config/start"), Map.of("OPENVISIT_PORT", "eighty",
                "OPENVISIT_DATA", data.toString()));
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("OPENVISIT_PORT must be a port number");
    }

    @Test
    void aMissingBuildSaysHowToBuild(@TempDir Path checkout) throws Exception {
        Path script = checkout.resolve("server-config/start");
        Files.createDirectories(script.getParent());
        Files.copy(ROOT.resolve("server-config/start"), script);

        Outcome outcome = run(script, Map.of("OPENVISIT_PORT", "1", "OPENVISIT_DATA", checkout.resolve("data").toString()));

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("the build is missing").contains("mvn -DskipTests install");
    }

    /**
     * A first operator's password that the portal would refuse stops the start with the policy's reason, well before
     * the start-up timeout, and nothing is left running (Payara boots, then OpenVisit refuses).
     */
    @Test
    void aRefusedFirstOperatorPasswordStopsTheStartWithTheReason(@TempDir Path data) throws Exception {
        Outcome outcome = run(ROOT.resolve("server-config/start"), Map.of(
                "OPENVISIT_PORT", Integer.toString(freePort()),
                "OPENVISIT_GRID_PORT", Integer.toString(freePort()),
                "OPENVISIT_SANDBOX", "false",
                "OPENVISIT_DATA", data.toString(),
                "OPENVISIT_ADMIN_PASSWORD", "too-short"), 170);

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output())
                .contains("openvisit: OpenVisit cannot start: the first operator account's OPENVISIT_ADMIN_PASSWORD"
                        + " (openvisit.admin.password) is refused: The password must be at least 12 characters long.")
                .doesNotContain("Client's transaction aborted")
                .doesNotContain("not healthy after");
        assertThat(data.resolve("first-operator-password.txt")).doesNotExist();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
