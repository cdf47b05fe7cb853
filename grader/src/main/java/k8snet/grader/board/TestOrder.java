package k8snet.grader.board;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.TestResult;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The order in which the board lists an exercise's tests, so that the most basic comes first: the
 * exercise's test classes in the manifest's order (plain examples before properties), then, inside a class,
 * the order in which its {@code @Nested} classes and test methods are written in the source (a lesson's
 * order: parsing before sorting), then a parameterized test's rows in their own order.
 *
 * <p>JUnit's own run order is not that: it runs nested classes and methods in an order that is
 * deterministic but deliberately not the source's, so the board reads the positions from the test sources
 * ({@link SourcePositions}). A test whose place cannot be found there keeps its run order after the ones
 * that were found; {@link #runOrder()} uses the run order alone.
 */
public final class TestOrder {

    private final SourcePositions positions;

    private TestOrder(SourcePositions positions) {
        this.positions = positions;
    }

    /**
     * The order of the kit's test sources: each test class is read from the {@code src/test/java} of the
     * module of the exercise that lists it ({@code <kit>/<module>/src/test/java/<pkg>/<Class>.java}).
     */
    public static TestOrder ofSources(Path kitRoot, Manifest manifest) {
        if (kitRoot == null || manifest == null) {
            throw new IllegalArgumentException("The kit root and manifest must not be null: " + kitRoot);
        }
        Map<String, Path> files = new HashMap<>();
        for (Exercise e : manifest.exercises()) {
            for (String test : e.tests()) {
                files.put(test, KitLayout.testSources(kitRoot, e.module()).resolve(KitLayout.sourcePath(test)));
            }
        }
        return new TestOrder(SourcePositions.reading(className -> {
            Path file = files.get(className);
            try {
                return file == null || !Files.isRegularFile(file) ? Optional.empty()
                        : Optional.of(Files.readString(file));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }));
    }

    /** The order of {@code sources}: fully qualified top-level class name to its source text (for tests). */
    static TestOrder of(Map<String, String> sources) {
        return new TestOrder(SourcePositions.reading(name -> Optional.ofNullable(sources.get(name))));
    }

    /** The order in which the engine ran the tests. */
    public static TestOrder runOrder() {
        return new TestOrder(SourcePositions.reading(name -> Optional.empty()));
    }

    /** {@code tests}, some of {@code r}'s, in this order (see the class doc). */
    List<TestResult> sorted(ExerciseResult r, List<TestResult> tests) {
        Exercise e = r.exercise();
        List<TestResult> inRunOrder = r.tests();
        List<Keyed> keyed = new ArrayList<>();
        for (TestResult t : tests) {
            keyed.add(new Keyed(t, key(e, t), inRunOrder.indexOf(t)));
        }
        keyed.sort(Comparator.<Keyed, List<Long>>comparing(k -> k.key, TestOrder::compareKeys)
                .thenComparingInt(k -> k.runIndex));
        return keyed.stream().map(k -> k.test).toList();
    }

    private record Keyed(TestResult test, List<Long> key, int runIndex) {
    }

    /** Where {@code t} stands: its class's place in the manifest, then its place at each level of its source. */
    private List<Long> key(Exercise e, TestResult t) {
        List<Long> key = new ArrayList<>();
        int classIndex = e.tests().indexOf(t.testClass());
        key.add(classIndex < 0 ? Long.MAX_VALUE : classIndex);
        long from = 0;
        for (TestNames.Level l : TestNames.levels(t)) {
            long at = switch (l.type()) {
                case "nested-class" -> from = positions.typeAt(t.testClass(), l.value(), from);
                case "method", "test-template", "test-factory" -> positions.methodAt(t.testClass(), method(l), from);
                case "test-template-invocation", "dynamic-test", "dynamic-container" -> invocation(l.value());
                default -> -1;
            };
            if (at >= 0) {
                key.add(at);
            }
            if (at == SourcePositions.UNKNOWN) {
                // Not found: the run order decides among the tests from here on.
                break;
            }
        }
        return key;
    }

    private static String method(TestNames.Level l) {
        int paren = l.value().indexOf('(');
        return paren < 0 ? l.value() : l.value().substring(0, paren);
    }

    private static long invocation(String value) {
        try {
            return Long.parseLong(value.replace("#", ""));
        } catch (NumberFormatException e) {
            return SourcePositions.UNKNOWN;
        }
    }

    private static int compareKeys(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
