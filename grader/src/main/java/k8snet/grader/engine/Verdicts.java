package k8snet.grader.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;

/**
 * An exercise's result from its tests' results: scored ({@link Scoring}) and given its status. DONE when
 * every test passed; DOES_NOT_COMPILE when a file of the exercise did not compile (its other files are
 * still graded as written, so the score counts what passed); NOT_STARTED when nothing passed and every test
 * fails with the stub's "Exercise N.M" exception; otherwise IN_PROGRESS.
 */
final class Verdicts {

    private final HiddenTests hidden;

    Verdicts(HiddenTests hidden) {
        this.hidden = hidden;
    }

    /** An exercise none of whose tests could run: each test class is a COMPILE_ERROR with its message. */
    ExerciseResult notCompiled(Exercise e, List<String> messages) {
        String first = messages.isEmpty() ? "does not compile" : messages.get(0);
        List<String> classes = new ArrayList<>(e.tests());
        classes.addAll(hidden.classesOf(e.id()));
        List<TestResult> tests = classes.stream()
                .map(c -> new TestResult(e.id(), c, c.substring(c.lastIndexOf('.') + 1), "", TestStatus.COMPILE_ERROR,
                        messages.stream().filter(m -> m.contains("/" + KitLayout.sourcePath(c) + ":")).findFirst()
                                .orElse(first), "", 0))
                .toList();
        Scoring.Scored s = Scoring.score(e, tests, hidden.classesOf(e.id()), hidden.weightedOf(e.id()));
        return new ExerciseResult(e, ExerciseStatus.DOES_NOT_COMPILE, s.tests(), 0, messages, Points.points(s.max()));
    }

    /**
     * An exercise whose tests ran.
     *
     * @param compilerMessages the messages of its files that fell back to their stubs (empty when all compiled)
     */
    ExerciseResult scored(Exercise e, List<TestResult> results, Set<String> stubFailures, List<String> compilerMessages) {
        Scoring.Scored s = Scoring.score(e, results, hidden.classesOf(e.id()), hidden.weightedOf(e.id()));
        List<TestResult> tests = s.tests();
        long passed = tests.stream().filter(TestResult::passed).count();
        ExerciseStatus status;
        if (!compilerMessages.isEmpty()) {
            status = ExerciseStatus.DOES_NOT_COMPILE;
        } else if (!tests.isEmpty() && passed == tests.size()) {
            status = ExerciseStatus.DONE;
        } else if (passed == 0 && !tests.isEmpty() && tests.stream().allMatch(
                t -> t.status() == TestStatus.FAILED && stubFailures.contains(t.uniqueId()))) {
            status = ExerciseStatus.NOT_STARTED;
        } else {
            status = ExerciseStatus.IN_PROGRESS;
        }
        return new ExerciseResult(e, status, tests, Points.points(s.score()), compilerMessages, Points.points(s.max()));
    }
}
