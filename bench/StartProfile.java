// Where a node's start goes, from a JFR recording (issue 19): `java bench/StartProfile.java START.jfr [THREAD-REGEX]`.
// Make the recording with bench/node-start.sh: BENCH_JFR=/tmp/start OPENVISIT_JAVA_OPTS="-Xmx1g
// -XX:StartFlightRecording=settings=profile,name=start" bench/node-start.sh 1 ROOT (dumped when /health/ready answers).
// Prints the execution samples per thread; then, for the threads matching THREAD-REGEX (Payara Micro deploys on the
// JVM's thread "main"), each sample's phase — the first of the markers below, in their order, found anywhere in its
// stack — with its share and the seconds it spans; the innermost non-JDK package of each sample; and the leading
// phases of each second. The phases are this file's own grouping, not Payara's.
import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

public class StartProfile {
    // phase markers, highest priority first: the first one found anywhere in a sample's stack names its phase
    static final String[][] PHASES = {
        {"Flyway migrations", "org.flywaydb."},
        {"HAPI FHIR", "ca.uhn."},
        {"EclipseLink/JPA", "org.eclipse.persistence."},
        {"OpenVisit code (other)", "org.openvisit."},
        {"PrimeFaces", "org.primefaces."},
        {"JSF/Mojarra", "com.sun.faces."},
        {"JAX-RS/Jersey", "org.glassfish.jersey."},
        {"WebSocket/Tyrus", "org.glassfish.tyrus."},
        {"MicroProfile (Payara)", "fish.payara.microprofile."},
        {"Hazelcast", "com.hazelcast."},
        {"Bean Validation", "org.hibernate.validator."},
        {"CDI/Weld", "org.jboss.weld."},
        {"EJB container", "com.sun.ejb.", "org.glassfish.ejb."},
        {"annotation scanning", "org.glassfish.hk2.classmodel.", "org.glassfish.apf.", "com.sun.enterprise.deployment.annotation."},
        {"deployment descriptors/archive", "com.sun.enterprise.deployment.", "org.glassfish.deployment.", "com.sun.enterprise.v3.server.ApplicationLifecycle", "org.glassfish.internal.deployment."},
        {"web container", "org.apache.catalina.", "com.sun.enterprise.web.", "org.glassfish.web."},
        {"Payara Micro boot", "fish.payara.micro.", "com.sun.enterprise.glassfish.", "org.glassfish.hk2.", "com.sun.enterprise.v3."},
    };
    public static void main(String[] a) throws Exception {
        Path file = Path.of(a[0]);
        String threadFilter = a.length > 1 ? a[1] : null;
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> phases = new LinkedHashMap<>();
        Map<String, Integer> tops = new HashMap<>();
        Map<String, Instant[]> span = new HashMap<>();
        TreeMap<Long, Map<String, Integer>> perSecond = new TreeMap<>();
        Instant first = null;
        int n = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                RecordedThread t = e.getThread("sampledThread");
                String tn = t == null ? "?" : t.getJavaName();
                threads.merge(tn, 1, Integer::sum);
                if (threadFilter != null && !tn.matches(threadFilter)) continue;
                if (first == null || e.getStartTime().isBefore(first)) first = e.getStartTime();
                n++;
                List<RecordedFrame> fr = e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames();
                String phase = "other (JDK, Payara kernel)";
                outer:
                for (String[] p : PHASES) {
                    for (RecordedFrame f : fr) {
                        String c = f.getMethod().getType().getName();
                        for (int i = 1; i < p.length; i++) if (c.startsWith(p[i])) { phase = p[0]; break outer; }
                    }
                }
                phases.merge(phase, 1, Integer::sum);
                span.computeIfAbsent(phase, k -> new Instant[]{e.getStartTime(), e.getStartTime()});
                Instant[] s = span.get(phase);
                if (e.getStartTime().isBefore(s[0])) s[0] = e.getStartTime();
                if (e.getStartTime().isAfter(s[1])) s[1] = e.getStartTime();
                // the innermost non-JDK frame's package, 3 levels
                String top = "(JDK only)";
                for (RecordedFrame f : fr) {
                    String c = f.getMethod().getType().getName();
                    if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.sun.org.")) continue;
                    String[] parts = c.split("\\.");
                    top = String.join(".", Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
                    break;
                }
                String leaf = fr.isEmpty() ? "?" : fr.get(0).getMethod().getType().getName();
                if (leaf.startsWith("java.util.zip") || leaf.startsWith("java.lang.ClassLoader") || leaf.contains("ClassLoader")) top += " [classload/zip leaf]";
                tops.merge(top, 1, Integer::sum);
                perSecond.computeIfAbsent(e.getStartTime().getEpochSecond(), k -> new HashMap<>()).merge(phase, 1, Integer::sum);
            }
        }
        System.out.println("== samples by thread (top 15)");
        threads.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
            .forEach(x -> System.out.printf("%6d  %s%n", x.getValue(), x.getKey()));
        System.out.printf("%n== phases, thread filter %s, %d samples%n", threadFilter, n);
        final Instant f0 = first;
        final int total = n;
        phases.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .forEach(x -> System.out.printf("%6d %5.1f%%  %-32s  %6.1f-%6.1f s%n", x.getValue(), 100.0 * x.getValue() / total, x.getKey(),
                Duration.between(f0, span.get(x.getKey())[0]).toMillis() / 1000.0, Duration.between(f0, span.get(x.getKey())[1]).toMillis() / 1000.0));
        System.out.println("\n== innermost non-JDK package (top 25)");
        tops.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
            .forEach(x -> System.out.printf("%6d %5.1f%%  %s%n", x.getValue(), 100.0 * x.getValue() / total, x.getKey()));
        System.out.println("\n== per second: dominant phases");
        for (var s : perSecond.entrySet()) {
            StringBuilder b = new StringBuilder();
            s.getValue().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(x -> b.append(x.getKey()).append(' ').append(x.getValue()).append("; "));
            System.out.printf("%5d  %s%n", s.getKey() - f0.getEpochSecond(), b);
        }
    }
}
