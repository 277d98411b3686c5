package org.openvisit.region;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data regions' audit of caches and the data grid (issue 18, docs/data-regions.md "Caches and the data grid"): every
 * grid structure the code opens is listed there, none is listed that the code does not open, and nothing can write a
 * grid entry or a cache into a store behind the repositories' back (no MapStore, MapLoader, JCache loader or writer, no
 * JPA shared cache).
 */
class GridInventoryTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../ejb/src/main/java"),
            Path.of("../persistence/src/main/java"));
    private static final Path DOC = Path.of("../docs/data-regions.md");
    private static final Pattern OPENED = Pattern.compile(
            "\\bgrid\\s*\\.\\s*get(Map|Topic|ReliableTopic|Queue|List|Set|MultiMap|ReplicatedMap|Ringbuffer"
                    + "|FlakeIdGenerator|CPSubsystem|ScheduledExecutorService|ExecutorService|PNCounter|CardinalityEstimator)"
                    + "\\s*\\(\\s*([^)]*)\\)");
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]+)\"");

    @Test
    void everyGridStructureTheCodeOpensIsInTheInventoryAndNoOther() {
        Set<String> opened = new TreeSet<>();
        for (Path file : javaFiles()) {
            String text = read(file);
            Matcher m = OPENED.matcher(text);
            while (m.find()) {
                opened.add(name(text, m.group(2).strip(), file));
            }
        }
        assertThat(opened).as("grid structures opened by the code").containsExactlyInAnyOrder(
                "openvisit-browsers", "openvisit-rooms", "openvisit-circuits", "openvisit-visit-<visit id>",
                "openvisit-room-limits");
        String doc = read(DOC);
        String section = doc.substring(doc.indexOf("## Caches and the data grid"), doc.indexOf("## Retention"));
        for (String name : opened) {
            assertThat(section).as("docs/data-regions.md lists " + name).contains("`" + name + "`");
        }
        Matcher listed = Pattern.compile("grid (?:map|topics?) `([^`]+)`").matcher(section);
        while (listed.find()) {
            assertThat(opened).as("listed but not opened by the code").contains(listed.group(1));
        }
    }

    @Test
    void nothingWritesAGridEntryOrACacheIntoAStore() {
        for (Path file : javaFiles()) {
            String text = read(file);
            assertThat(text).as(file.toString()).doesNotContain("MapStore", "MapLoader", "CacheLoader", "CacheWriter",
                    "javax.cache", "@CacheResult", "QueueStore", "RingbufferStore");
        }
        String units = read(Path.of("../persistence/src/main/resources/META-INF/persistence.xml"));
        assertThat(units.split("<persistence-unit ", -1)).hasSize(5);
        assertThat(units.split("<shared-cache-mode>NONE</shared-cache-mode>", -1)).as("every unit's shared cache off")
                .hasSize(5);
    }

    /** The structure's name: a string literal, a constant of the file, or a literal prefix followed by the visit id. */
    private static String name(String text, String argument, Path file) {
        if (argument.startsWith("\"") && argument.endsWith("\"") && argument.indexOf('"', 1) == argument.length() - 1) {
            return argument.substring(1, argument.length() - 1);
        }
        Matcher prefix = Pattern.compile("^\"([^\"]+)\"\\s*\\+\\s*visitId$").matcher(argument);
        if (prefix.find()) {
            return prefix.group(1) + "<visit id>";
        }
        Matcher constant = CONSTANT.matcher(text);
        while (constant.find()) {
            if (constant.group(1).equals(argument)) {
                return constant.group(2);
            }
        }
        throw new AssertionError("a grid structure of unknown name in " + file + ": " + argument);
    }

    private static List<Path> javaFiles() {
        return SOURCES.stream().flatMap(root -> {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
