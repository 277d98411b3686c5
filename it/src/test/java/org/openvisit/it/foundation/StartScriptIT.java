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
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script gave up quickly").isTrue();
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes()));
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
}
