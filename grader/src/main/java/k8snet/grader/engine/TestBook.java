package k8snet.grader.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tests of one module's run and what is known of them so far: the plan's nodes, the units that are graded
 * once each (a test method, or a parameterized test with all its rows), the results in run order, the units
 * whose container finished, and the failures that are an untouched stub's. The {@link ResultLedger} decides
 * what happens; this book only records it and answers questions about it.
 */
final class TestBook {

    private record Entry(String id, String parent, boolean test, String name, String cls) {
    }

    private final Map<String, String> exerciseOfClass;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> units = new ArrayList<>();
    private final Map<String, TestResult> results = new LinkedHashMap<>();
    private final Set<String> closed = new LinkedHashSet<>();
    private final Set<String> stubFailures = new LinkedHashSet<>();
    private final Map<String, Long> startNanos = new HashMap<>();
    private final Map<String, Integer> rows = new HashMap<>();

    TestBook(Map<String, String> exerciseOfClass) {
        this.exerciseOfClass = Map.copyOf(exerciseOfClass);
    }

    void plan(RunnerEvent.Plan p) {
        entries.putIfAbsent(p.id(), new Entry(p.id(), p.parent(), p.test(), p.name(), p.testClass()));
        if ((p.test() || p.method()) && !units.contains(p.parent()) && !units.contains(p.id())) {
            units.add(p.id());
        }
        if (p.rows() > 0 && !p.test()) {
            rows.putIfAbsent(p.id(), p.rows());
        }
    }

    /**
     * The results of a unit that did not run (all of it, or the rows it did not reach): one per row its plan line
     * counted that has no result yet, each named by its row number as JUnit numbers them; or one for the whole
     * unit when its rows are not known (or none is missing, which cannot happen for a unit left over).
     */
    /** How many results {@link #notRun} would give {@code unit} now: a progress line's tests still to come. */
    int stillToCome(String unit) {
        int expected = rows.getOrDefault(unit, 0);
        int missing = 0;
        for (int n = 1; n <= expected; n++) {
            if (!results.containsKey(rowId(unit, n))) {
                missing++;
            }
        }
        return Math.max(1, missing);
    }

    /** The unique id JUnit gives row {@code n} (from 1) of the parameterized test {@code unit}. */
    private static String rowId(String unit, int n) {
        return unit + "/[test-template-invocation:#" + n + "]";
    }

    List<TestResult> notRun(String unit, String message) {
        int expected = rows.getOrDefault(unit, 0);
        Entry p = entries.get(unit);
        List<TestResult> out = new ArrayList<>();
        if (expected > 0 && p != null) {
            for (int n = 1; n <= expected; n++) {
                String row = rowId(unit, n);
                if (!results.containsKey(row)) {
                    out.add(new TestResult(exerciseOfClass.getOrDefault(p.cls(), ""), p.cls(),
                            p.name() + " > [" + n + "] (not reached)", row, TestStatus.NOT_RUN, message, "", 0));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(result(unit, TestStatus.NOT_RUN, message, "", 0));
        }
        return out;
    }

    void started(RunnerEvent.Started s, EventSequence.Node node) {
        entries.putIfAbsent(s.id(), new Entry(s.id(), s.parent(), node.test(), s.name(), node.testClass()));
        startNanos.put(s.id(), s.nanos());
    }

    boolean isTest(String id) {
        return entries.containsKey(id) && entries.get(id).test();
    }

    /** Records a test's end as the runner reported it. */
    void testFinished(RunnerEvent.Finished f, TestStatus status, String message) {
        double secs = (f.nanos() - startNanos.getOrDefault(f.id(), f.nanos())) / 1e9;
        results.put(f.id(), result(f.id(), status, message, f.output(), secs).thrown(f.exception(), f.assertion()));
        if (status == TestStatus.FAILED && f.stub()) {
            stubFailures.add(f.id());
        }
    }

    /**
     * Records a container's end. A failing {@code @BeforeAll}, a failing argument source or a class that cannot
     * be built: Jupiter reports it on the container, and its tests never start; each of them fails with its
     * message.
     */
    void containerFinished(RunnerEvent.Finished f) {
        if (units.contains(f.id())) {
            closed.add(f.id());
        }
        if (f.successful()) {
            return;
        }
        for (String unit : units) {
            if (under(unit, f.id()) && !hasRowsUnder(unit)) {
                results.put(unit, result(unit, TestStatus.FAILED, (f.aborted() ? "aborted: " : "") + f.message(), "", 0)
                        .thrown(f.exception(), f.assertion()));
                if (f.stub()) {
                    stubFailures.add(unit);
                }
            }
        }
    }

    /** Records a node JUnit skipped on its own: its tests did not run (ids the engine asked to skip are ignored). */
    void skipped(RunnerEvent.Skipped k, Collection<String> asked) {
        if (asked.contains(k.id()) || results.containsKey(k.id())) {
            return;
        }
        String why = "not run: JUnit skipped it (" + k.reason() + ")";
        if (!entries.containsKey(k.id())) {
            // A parameterized test's row, skipped before it started: counted as a test that did not run.
            Entry parent = entries.get(k.id().substring(0, k.id().lastIndexOf('/')));
            results.put(k.id(), new TestResult(exerciseOf(parent.id()), parent.cls(), parent.name() + " (a row)",
                    k.id(), TestStatus.NOT_RUN, why, "", 0));
            return;
        }
        for (String unit : units) {
            if (under(unit, k.id()) && !results.containsKey(unit)) {
                results.put(unit, result(unit, TestStatus.NOT_RUN, why, "", 0));
            }
        }
    }

    /** Gives a test a result of the grader's own (a crash, a hang). */
    void blame(String id, TestStatus status, String message, double secs) {
        results.put(id, result(id, status, message, "", secs));
    }

    /**
     * Blames the next unit of {@code exercise} under {@code container} that has no result yet, or with
     * {@code all} every one of them; returns the first blamed, or null.
     */
    String blameUnder(String container, String exercise, TestStatus status, String message, boolean all) {
        String first = null;
        for (String unit : left()) {
            if (under(unit, container) && exercise.equals(exerciseOf(unit))) {
                blame(unit, status, message, 0);
                first = first == null ? unit : first;
                if (!all) {
                    break;
                }
            }
        }
        return first;
    }

    /** The units with no result yet, in plan order. */
    List<String> left() {
        return units.stream().filter(u -> !closed.contains(u) && !results.containsKey(u)).toList();
    }

    boolean planEmpty() {
        return entries.isEmpty();
    }

    boolean hasRowsUnder(String unit) {
        return results.keySet().stream().anyMatch(r -> under(r, unit));
    }

    Collection<TestResult> results() {
        return results.values();
    }

    Set<String> graded() {
        return Set.copyOf(results.keySet());
    }

    Set<String> stubFailures() {
        return Set.copyOf(stubFailures);
    }

    String exerciseOf(String id) {
        Entry p = entries.get(id);
        return p == null ? "" : exerciseOfClass.getOrDefault(p.cls(), "");
    }

    String name(String id) {
        Entry p = entries.get(id);
        return p == null ? id : p.name();
    }

    /** A result for the node {@code id} (a unit not run gets its name marked when some of its rows ran). */
    TestResult result(String id, TestStatus status, String message, String output, double secs) {
        Entry p = entries.get(id);
        String name = status == TestStatus.NOT_RUN && hasRowsUnder(id) ? p.name() + " (the invocations not reached)"
                : p.name();
        return new TestResult(exerciseOfClass.getOrDefault(p.cls(), ""), p.cls(), name, p.id(), status, message, output,
                Math.max(0, secs));
    }

    static boolean under(String id, String ancestor) {
        return id.equals(ancestor) || id.startsWith(ancestor + "/");
    }
}
