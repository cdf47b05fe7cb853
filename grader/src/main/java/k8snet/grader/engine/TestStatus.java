package k8snet.grader.engine;

/** How one graded test ended. Only {@link #PASSED} earns points. */
public enum TestStatus {
    PASSED,
    /** An assertion failed or the test threw. */
    FAILED,
    /** The per-test timeout expired (likely an infinite loop or a sleep). */
    TIMED_OUT,
    /** The test JVM died while this test ran: System.exit, halt, out of memory, a crash. */
    CRASHED,
    /** The test never ran: the module's deadline passed, or the JVM died before it. */
    NOT_RUN,
    /** The student's code or the graded test did not compile against it. */
    COMPILE_ERROR
}
