package k8snet.grader.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import k8snet.grader.manifest.Exercise;

/**
 * What each test of an exercise is worth, in exact hundredths ({@link Points}).
 *
 * <ul>
 *   <li>The exercise's own points are shared, by {@link Points#split(long, int)} in run order, among its graded
 *       tests and the hidden tests that have no points of their own.</li>
 *   <li>Each {@code hidden-tests.yaml} entry with points shares them among its tests: a method entry among the
 *       invocations of that method, a class entry among the class's tests that no method entry takes.</li>
 *   <li>An entry that matched no test still counts, as one test that did not run (or did not compile), so the
 *       maximum never depends on what ran and the instructor sees the mistake.</li>
 * </ul>
 * The score is the sum of the points of the tests that passed, so it is exact and the rows of any report add
 * up to it.
 */
public final class Scoring {

    /**
     * An exercise's tests with their points.
     *
     * @param tests every test, with placeholders for entries that matched none
     * @param score the hundredths earned
     * @param max the hundredths the exercise is worth
     */
    public record Scored(List<TestResult> tests, long score, long max) {

        public Scored {
            tests = List.copyOf(tests);
        }
    }

    private Scoring() {
    }

    /**
     * Shares {@code exercise}'s points, and each weighted entry's, among {@code tests}.
     *
     * @param hiddenClasses the hidden test classes (their tests are marked hidden)
     * @param weighted the {@code hidden-tests.yaml} entries with points that count for this exercise
     */
    public static Scored score(Exercise exercise, List<TestResult> tests, Set<String> hiddenClasses,
                               List<HiddenTestsFile.Entry> weighted) {
        if (exercise == null || tests == null || hiddenClasses == null || weighted == null) {
            throw new IllegalArgumentException("Scoring needs an exercise, its tests, the hidden classes and entries");
        }
        Map<HiddenTestsFile.Entry, List<Integer>> members = new LinkedHashMap<>();
        weighted.forEach(w -> members.put(w, new ArrayList<>()));
        List<TestResult> all = new ArrayList<>(tests);
        List<Integer> base = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TestResult t = all.get(i);
            Optional<HiddenTestsFile.Entry> entry = hiddenClasses.contains(t.testClass())
                    ? entryOf(t, weighted) : Optional.empty();
            if (entry.isPresent()) {
                members.get(entry.get()).add(i);
            } else {
                base.add(i);
            }
        }
        for (Map.Entry<HiddenTestsFile.Entry, List<Integer>> m : members.entrySet()) {
            if (m.getValue().isEmpty()) {
                m.getValue().add(all.size());
                all.add(placeholder(exercise, m.getKey(), all));
            }
        }
        long[] points = new long[all.size()];
        if (!base.isEmpty()) {
            long[] shares = Points.split(exercise.points() * 100L, base.size());
            for (int i = 0; i < shares.length; i++) {
                points[base.get(i)] = shares[i];
            }
        }
        for (Map.Entry<HiddenTestsFile.Entry, List<Integer>> m : members.entrySet()) {
            long[] shares = Points.split(m.getKey().points().orElse(0), m.getValue().size());
            for (int i = 0; i < shares.length; i++) {
                points[m.getValue().get(i)] = shares[i];
            }
        }
        List<TestResult> scored = new ArrayList<>(all.size());
        long score = 0;
        for (int i = 0; i < all.size(); i++) {
            TestResult t = all.get(i);
            boolean hidden = i >= tests.size() || hiddenClasses.contains(t.testClass());
            scored.add(t.scored(hidden, Points.points(points[i])));
            if (t.passed()) {
                score += points[i];
            }
        }
        long max = exercise.points() * 100L + weighted.stream().mapToLong(w -> w.points().orElse(0)).sum();
        return new Scored(scored, score, max);
    }

    /** An exercise without hidden tests: its points shared among {@code tests}. */
    public static ExerciseResult result(Exercise exercise, ExerciseStatus status, List<TestResult> tests,
                                        List<String> compilerMessages) {
        Scored s = score(exercise, tests, Set.of(), List.of());
        return new ExerciseResult(exercise, status, s.tests(), Points.points(s.score()), compilerMessages,
                Points.points(s.max()));
    }

    private static Optional<HiddenTestsFile.Entry> entryOf(TestResult t, List<HiddenTestsFile.Entry> weighted) {
        Optional<HiddenTestsFile.Entry> method = weighted.stream()
                .filter(w -> w.className().equals(t.testClass()) && w.method().isPresent())
                .filter(w -> ofMethod(t.uniqueId(), w.method().get()))
                .findFirst();
        if (method.isPresent()) {
            return method;
        }
        return weighted.stream().filter(w -> w.className().equals(t.testClass()) && w.method().isEmpty()).findFirst();
    }

    /** Whether a JUnit unique id is a test of that method (a plain test, a parameterized one, a factory). */
    static boolean ofMethod(String uniqueId, String method) {
        return Pattern.compile("\\[(method|test-template|test-factory):" + Pattern.quote(method) + "\\(")
                .matcher(uniqueId).find();
    }

    private static TestResult placeholder(Exercise exercise, HiddenTestsFile.Entry entry, List<TestResult> tests) {
        String simple = entry.className().substring(entry.className().lastIndexOf('.') + 1)
                + entry.method().map(m -> "#" + m).orElse("");
        Optional<TestResult> broken = tests.stream()
                .filter(t -> t.testClass().equals(entry.className()) && t.status() == TestStatus.COMPILE_ERROR)
                .findFirst();
        if (broken.isPresent()) {
            return new TestResult(exercise.id(), entry.className(), simple, "", TestStatus.COMPILE_ERROR,
                    broken.get().message(), "", 0);
        }
        return new TestResult(exercise.id(), entry.className(), simple, "", TestStatus.NOT_RUN,
                "not run: no test of " + entry.key() + " ran; check that " + HiddenTestsFile.NAME
                        + " names a class of the hidden tests folder (and a test method of it)", "", 0);
    }
}
