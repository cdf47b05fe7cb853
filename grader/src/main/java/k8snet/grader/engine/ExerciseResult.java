package k8snet.grader.engine;

import java.util.List;

import k8snet.grader.manifest.Exercise;

/**
 * One exercise's results.
 *
 * @param exercise from the manifest
 * @param status DONE when every test passed; NOT_STARTED when none passed and the tests fail with the
 *     stub's "Exercise N: ..." UnsupportedOperationException; DOES_NOT_COMPILE on a compile error
 * @param tests one per graded test (hidden tests included), in run order, each with its points
 * @param score points earned: the sum of the points of the tests that passed (exact hundredths)
 * @param compilerMessages the compiler's messages (file:line: message) when it did not compile
 * @param maxScore what the exercise is worth: its points plus its hidden tests' own points
 */
public record ExerciseResult(Exercise exercise, ExerciseStatus status, List<TestResult> tests, double score,
                             List<String> compilerMessages, double maxScore) {

    public ExerciseResult {
        tests = List.copyOf(tests);
        compilerMessages = List.copyOf(compilerMessages);
    }

    /** A result worth the exercise's own points (no hidden tests with points of their own). */
    public ExerciseResult(Exercise exercise, ExerciseStatus status, List<TestResult> tests, double score,
                          List<String> compilerMessages) {
        this(exercise, status, tests, score, compilerMessages, exercise.points());
    }
}
