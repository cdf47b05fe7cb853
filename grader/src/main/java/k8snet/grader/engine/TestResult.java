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
 * @param exception the class name of what the test threw, "" when it threw nothing (or never ran)
 * @param assertion whether that was an assertion failing ({@link AssertionError} or a subclass, such as
 *     opentest4j's AssertionFailedError) rather than an unexpected exception
 * @param hidden whether the test is one of the instructor's hidden tests
 * @param points what the test is worth: a whole number of hundredths (see {@link Points}), earned when it passes
 */
public record TestResult(String exerciseId, String testClass, String name, String uniqueId, TestStatus status,
                         String message, String output, double seconds, String exception, boolean assertion,
                         boolean hidden, double points) {

    public TestResult {
        if (status == null) {
            throw new IllegalArgumentException("A test result needs a status: " + testClass + " " + name);
        }
        exerciseId = exerciseId == null ? "" : exerciseId;
        testClass = testClass == null ? "" : testClass;
        name = name == null ? "" : name;
        uniqueId = uniqueId == null ? "" : uniqueId;
        message = message == null ? "" : message;
        output = output == null ? "" : output;
        exception = exception == null ? "" : exception;
    }

    /** A result that threw nothing known, not hidden and not yet worth any points (scoring sets them). */
    public TestResult(String exerciseId, String testClass, String name, String uniqueId, TestStatus status,
                      String message, String output, double seconds) {
        this(exerciseId, testClass, name, uniqueId, status, message, output, seconds, "", false, false, 0);
    }

    /** Whether it passed. */
    public boolean passed() {
        return status == TestStatus.PASSED;
    }

    /** This result with what the test threw. */
    public TestResult thrown(String exceptionClass, boolean isAssertion) {
        return new TestResult(exerciseId, testClass, name, uniqueId, status, message, output, seconds, exceptionClass,
                isAssertion, hidden, points);
    }

    /** This result marked hidden or not, and worth {@code worth} points. */
    public TestResult scored(boolean isHidden, double worth) {
        return new TestResult(exerciseId, testClass, name, uniqueId, status, message, output, seconds, exception,
                assertion, isHidden, worth);
    }
}
