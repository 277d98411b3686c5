package org.openvisit.it.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders the integration-test classes (it/pom.xml, {@code junit.jupiter.testclass.order.default}) so that the longest
 * start first on both threads and the run ends with short classes side by side, not one long class alone.
 * <p>
 * How JUnit's executor (ForkJoinPool, JUnit 5.14) takes them: the thread running the engine forks every concurrent
 * class in this order onto its own queue and then joins them last to first, running each that is still there (it
 * takes from the end of the list), while the second thread steals from the front (from the start of the list).
 * {@code @Isolated} classes are kept apart and run alone after all others, whatever their place here. So the known
 * long classes go to both ends, longest outermost, each to the end that has the fewer seconds so far; classes that
 * share a {@code @ResourceLock} go together to one end, one after the other, so that the two threads never both hold
 * one up waiting for the other; every other class is short and stays in the middle in the order it was found.
 * {@code @Nested} classes keep their declared order (they run after their class's tests, in its thread: their seconds
 * are counted in the class's figure).
 */
public final class LongestFirstClassOrderer implements ClassOrderer {

    /**
     * Measured seconds of the known long classes, each with its {@code @Nested} classes (docs/tests.md: two classes at a
     * time on the 2-core CI machine). Rough figures are enough: they decide only the order.
     */
    static final Map<String, Integer> MEASURED_SECONDS = Map.ofEntries(
            // the clean-clone run of 8f82a43f (2026-12-06 evening, 32 min 25 s in JUnit's default order)
            Map.entry("EarOnPayaraServerIT", 358),
            Map.entry("PagesInFourLanguagesIT", 265),
            Map.entry("WriteBackIT", 252),
            Map.entry("RegionalStoresIT", 248),
            Map.entry("WriteBackClusterIT", 231),
            // earlier runs (docs/tests.md)
            Map.entry("TurnRelayIT", 244), // 128 s and its ThroughNat 116 s
            Map.entry("SmsSetupIT", 120),
            Map.entry("TwoBrowserVisitIT", 120), // 243 s with the group visit, which is SfuGroupVisitIT now: a guess
            Map.entry("FhirSubscriptionIT", 61),
            Map.entry("TeamsScreenIT", 48));

    /** A test class as this orderer sees it: its name, and the resource locks it holds (empty: none). */
    record TestClass(String name, List<String> locks) {

        String simpleName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }
    }

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<? extends ClassDescriptor> classes = context.getClassDescriptors();
        if (classes.stream().anyMatch(c -> c.isAnnotated(Nested.class))) {
            return; // @Nested classes of one class: their declared order
        }
        List<TestClass> found = classes.stream().map(c -> new TestClass(c.getTestClass().getName(),
                c.isAnnotated(Isolated.class) ? List.of() : c.findRepeatableAnnotations(ResourceLock.class).stream()
                        .map(ResourceLock::value).sorted().toList())).toList();
        Map<String, Integer> place = new HashMap<>();
        List<String> order = order(found);
        for (int i = 0; i < order.size(); i++) {
            place.put(order.get(i), i);
        }
        classes.sort(Comparator.comparingInt(c -> place.get(c.getTestClass().getName())));
    }

    /** The classes' names in the order to run them: long ones at both ends, longest outermost, short in the middle. */
    static List<String> order(List<TestClass> classes) {
        // classes sharing a resource lock make one unit; every other class is a unit of its own
        Map<String, List<TestClass>> units = new LinkedHashMap<>();
        for (TestClass testClass : classes) {
            String key = testClass.locks().isEmpty() ? "class " + testClass.name() : "locks " + testClass.locks();
            units.computeIfAbsent(key, k -> new ArrayList<>()).add(testClass);
        }
        List<List<TestClass>> known = units.values().stream().filter(unit -> unitSeconds(unit) > 0)
                .sorted(Comparator.comparingInt((List<TestClass> unit) -> unitSeconds(unit)).reversed()).toList();
        List<String> front = new ArrayList<>(); // the stealing thread's, from the start of the list
        List<String> back = new ArrayList<>(); // the engine's thread's, from the end of the list
        int frontSeconds = 0;
        int backSeconds = 0;
        for (List<TestClass> unit : known) {
            List<String> names = unit.stream().sorted(Comparator.comparingInt((TestClass c) -> seconds(c)).reversed())
                    .map(TestClass::name).toList();
            if (frontSeconds <= backSeconds) {
                front.addAll(names);
                frontSeconds += unitSeconds(unit);
            } else {
                back.addAll(names);
                backSeconds += unitSeconds(unit);
            }
        }
        List<String> order = new ArrayList<>(front);
        units.values().stream().filter(unit -> unitSeconds(unit) == 0).flatMap(List::stream).map(TestClass::name)
                .forEach(order::add);
        Collections.reverse(back);
        order.addAll(back);
        return order;
    }

    private static int unitSeconds(List<TestClass> unit) {
        return unit.stream().mapToInt(LongestFirstClassOrderer::seconds).sum();
    }

    private static int seconds(TestClass testClass) {
        return MEASURED_SECONDS.getOrDefault(testClass.simpleName(), 0);
    }
}
