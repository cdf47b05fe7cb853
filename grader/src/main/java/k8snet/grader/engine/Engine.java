package k8snet.grader.engine;

/**
 * Builds a layered source tree (stubs, solutions or the submission's files per exercise), compiles it
 * in-process, runs the chosen exercises' graded tests in a forked, time- and memory-limited JVM, and
 * reads the results back from the runner's results pipe.
 *
 * <p>An engine used for many runs in a row ({@code course watch}) may be asked to get the next run ready
 * ({@link #prepareNextRun()}: start its test JVM now, while the student edits) and must then be closed.
 * Engines used once need neither.
 *
 * <p>The implementation is {@link ForkingEngine}.
 */
@FunctionalInterface
public interface Engine extends AutoCloseable {

    /** Runs one request; never throws for problems in the student's code (they become results). */
    GradeReport run(RunRequest request);

    /** {@link #run(RunRequest)}, telling {@code progress} how far each exercise has got while tests run. */
    default GradeReport run(RunRequest request, TestProgress progress) {
        return run(request);
    }

    /** Starts, in the background, what the next {@link #run} would otherwise start first. */
    default void prepareNextRun() {
    }

    /** Ends whatever {@link #prepareNextRun()} started. */
    @Override
    default void close() {
    }
}
