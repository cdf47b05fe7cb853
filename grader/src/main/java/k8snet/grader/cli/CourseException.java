package k8snet.grader.cli;

/**
 * A problem the user can fix (an unknown exercise id, a missing folder), reported as one line on
 * standard error with an exit code instead of a stack trace.
 */
final class CourseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CourseException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
