package k8snet.grader.engine;

/**
 * Told while tests run how far an exercise has got, for a live progress line such as
 * {@code 1.2: 37/80 tests}. Called on the engine's thread after each test of the exercise finishes;
 * {@code total} counts a parameterized test as one until its rows are known, so it can grow.
 */
@FunctionalInterface
public interface TestProgress {

    /** Nothing is shown. */
    TestProgress NONE = (exerciseId, done, total) -> { };

    /** {@code done} of {@code total} tests of exercise {@code exerciseId} have finished. */
    void update(String exerciseId, int done, int total);
}
