package k8snet.grader.engine;

/**
 * The result of one graded test.
 *
 * @param exerciseId the exercise the test class belongs to
 * @param testClass the fully qualified class name
 * @param name a readable name: the display names from class to method, joined by " > "
 * @param uniqueId the JUnit Platform unique id ("" when it never ran)
 * @param status how it ended
 * @param message the failure message (with a packet trace when the test printed one), "" when passed
 * @param output captured stdout/stderr of the test, capped
 * @param seconds wall time
 */
public record TestResult(String exerciseId, String testClass, String name, String uniqueId, TestStatus status,
                         String message, String output, double seconds) {
}
