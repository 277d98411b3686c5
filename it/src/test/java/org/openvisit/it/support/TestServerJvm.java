package org.openvisit.it.support;

import java.util.List;

/**
 * The JVM options of the servers the tests start. A test server lives for minutes, so it compiles with C1 only:
 * C2's compilations during a Payara boot took about half of the boot's CPU (49 against 27 CPU seconds per boot of
 * the Micro WAR, measured 2026-12-05), and the suite boots about a dozen servers on two cores. The shared server,
 * which serves the whole run, production and the benchmarks keep the JVM's default tiered compilation.
 */
public final class TestServerJvm {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private TestServerJvm() {
    }

    /** The compiler options alone (for a Payara Server domain, whose heap its domain.xml sets). */
    public static List<String> compilerOptions() {
        return List.of(C1_ONLY);
    }

    /** Options for the one server that lives through the whole run: the default compilation, C2 for what is hot. */
    public static String longLived(String maxHeap) {
        return "-Xmx" + maxHeap;
    }

    /** Options for a short-lived server with this maximum heap, e.g. {@code options("768m")}. */
    public static String options(String maxHeap) {
        return "-Xmx" + maxHeap + " " + C1_ONLY;
    }
}
