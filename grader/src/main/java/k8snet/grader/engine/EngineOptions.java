package k8snet.grader.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import k8snet.grader.guard.GuardOptions;

/**
 * The limits the engine grades under. Build with {@link #defaults()} and the {@code with...} methods.
 *
 * @param testTimeout per test (and per lifecycle method), enforced by Jupiter inside the fork; default
 *     10 s, or the system property {@value #TEST_TIMEOUT} in seconds
 * @param exerciseBudget for all of one exercise's tests, restarts included (a JVM's start is not counted);
 *     when it runs out the fork's process tree is destroyed, the running test is TIMED_OUT and the rest of
 *     the exercise NOT_RUN, and the next exercise gets its own budget; default 60 s, or the system property
 *     {@value #EXERCISE_BUDGET} in seconds
 * @param maxRestarts how many times a fork is restarted after it died during one exercise's tests; default
 *     10, or {@value #MAX_RESTARTS}
 * @param outputCap bytes of System.out/err kept per test; default 16 KiB
 * @param consoleCap bytes of the fork's own console kept in its log file; default 64 KiB
 * @param cacheDir where compiled classes are cached by input hash; empty means {@code <workDir>/cache}
 *     (share one between runs of a batch so the kit's own code is compiled once)
 * @param stallGrace how long past the test timeout a started test (or test class being prepared) may go
 *     without any event before the engine kills the fork itself: the backstop for code the per-test timeout
 *     does not cover, such as a test class's constructor; default 5 s plus the test timeout
 * @param guard the bytecode allowlist check and the test JVM's sandbox; default {@link GuardOptions#defaults()}
 *     (the check on, the sandbox mode of the system property {@code course.sandbox}, else the strongest)
 */
public record EngineOptions(Duration testTimeout, Duration exerciseBudget, int maxRestarts, int outputCap,
                            int consoleCap, Optional<Path> cacheDir, Duration stallGrace, GuardOptions guard) {

    /** System property: per-test timeout in seconds (decimals allowed). */
    public static final String TEST_TIMEOUT = "course.test.timeout";
    /** System property: per-exercise time budget in seconds. */
    public static final String EXERCISE_BUDGET = "course.exercise.budget";
    /** System property: fork restarts per exercise. */
    public static final String MAX_RESTARTS = "course.max.restarts";

    public EngineOptions {
        if (testTimeout == null || testTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("Test timeout must be at least 100 ms, got " + testTimeout);
        }
        if (exerciseBudget == null || exerciseBudget.compareTo(testTimeout) < 0) {
            throw new IllegalArgumentException("An exercise's time budget must be at least the test timeout ("
                    + testTimeout + "), got " + exerciseBudget);
        }
        if (maxRestarts < 0 || maxRestarts > 1000) {
            throw new IllegalArgumentException("Restarts must be 0-1000, got " + maxRestarts);
        }
        if (outputCap < 0 || consoleCap < 0) {
            throw new IllegalArgumentException("Output caps must not be negative, got " + outputCap + " and "
                    + consoleCap);
        }
        if (cacheDir == null) {
            throw new IllegalArgumentException("Cache dir must not be null (use Optional.empty())");
        }
        if (stallGrace == null || stallGrace.isNegative()) {
            throw new IllegalArgumentException("Stall grace must not be negative, got " + stallGrace);
        }
        if (guard == null) {
            throw new IllegalArgumentException("Guard options must not be null (use GuardOptions.defaults())");
        }
    }

    /**
     * The per-test timeout of a student's own check ({@code check}, the board, {@code watch}: the submission is
     * the kit), shorter than grading's 10 s so that a loop is named within 15 s of the command's start even
     * with a cold compile first (about 5 s). The slowest graded test of the reference solutions takes about
     * 1.7 s at idle, so 7 s still leaves room for a loaded machine.
     */
    public static final Duration OWN_CHECK_TIMEOUT = Duration.ofSeconds(7);

    /**
     * These options for a student's own check: the test timeout at most {@link #OWN_CHECK_TIMEOUT}, unless
     * the system property {@value #TEST_TIMEOUT} sets it.
     */
    public EngineOptions forOwnCheck() {
        if (System.getProperty(TEST_TIMEOUT) != null || testTimeout.compareTo(OWN_CHECK_TIMEOUT) <= 0) {
            return this;
        }
        return withTestTimeout(OWN_CHECK_TIMEOUT);
    }

    /** The defaults, overridden by the system properties named above. */
    public static EngineOptions defaults() {
        Duration timeout = seconds(TEST_TIMEOUT, 10);
        return new EngineOptions(timeout, seconds(EXERCISE_BUDGET, 60), integer(MAX_RESTARTS, 10), 16 * 1024,
                64 * 1024, Optional.empty(), timeout.plusSeconds(5), GuardOptions.defaults());
    }

    public EngineOptions withTestTimeout(Duration d) {
        return new EngineOptions(d, d != null && exerciseBudget.compareTo(d) < 0 ? d : exerciseBudget, maxRestarts,
                outputCap, consoleCap, cacheDir, d == null ? stallGrace : d.plusSeconds(5), guard);
    }

    public EngineOptions withExerciseBudget(Duration d) {
        return new EngineOptions(testTimeout, d, maxRestarts, outputCap, consoleCap, cacheDir, stallGrace, guard);
    }

    public EngineOptions withMaxRestarts(int n) {
        return new EngineOptions(testTimeout, exerciseBudget, n, outputCap, consoleCap, cacheDir, stallGrace, guard);
    }

    public EngineOptions withOutputCap(int bytes) {
        return new EngineOptions(testTimeout, exerciseBudget, maxRestarts, bytes, consoleCap, cacheDir, stallGrace,
                guard);
    }

    public EngineOptions withCacheDir(Path dir) {
        return new EngineOptions(testTimeout, exerciseBudget, maxRestarts, outputCap, consoleCap, Optional.of(dir),
                stallGrace, guard);
    }

    public EngineOptions withStallGrace(Duration d) {
        return new EngineOptions(testTimeout, exerciseBudget, maxRestarts, outputCap, consoleCap, cacheDir, d, guard);
    }

    public EngineOptions withGuard(GuardOptions g) {
        return new EngineOptions(testTimeout, exerciseBudget, maxRestarts, outputCap, consoleCap, cacheDir, stallGrace,
                g);
    }

    /** How long a started test may go without any event before the engine kills the fork itself. */
    Duration stallLimit() {
        return testTimeout.plus(stallGrace);
    }

    private static Duration seconds(String property, double fallback) {
        String value = System.getProperty(property);
        double s = fallback;
        if (value != null) {
            try {
                s = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("System property " + property + " must be a number of seconds, got '"
                        + value + "'", e);
            }
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static int integer(String property, int fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + property + " must be a whole number, got '"
                    + value + "'", e);
        }
    }
}
