package k8snet.grader.engine;

import java.util.List;

import k8snet.grader.manifest.Exercise;

/**
 * One exercise's results.
 *
 * @param exercise from the manifest
 * @param status DONE when every test passed; NOT_STARTED when none passed and the tests fail with the
 *     stub's "Exercise N: ..." UnsupportedOperationException; DOES_NOT_COMPILE on a compile error
 * @param tests one per graded test (hidden tests included), in run order
 * @param score points earned: points x passed / total tests
 * @param compilerMessages the compiler's messages (file:line: message) when it did not compile
 */
public record ExerciseResult(Exercise exercise, ExerciseStatus status, List<TestResult> tests, double score,
                             List<String> compilerMessages) {

    public ExerciseResult {
        tests = List.copyOf(tests);
        compilerMessages = List.copyOf(compilerMessages);
    }
}
