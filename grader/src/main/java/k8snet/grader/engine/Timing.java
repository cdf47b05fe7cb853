package k8snet.grader.engine;

import java.io.PrintStream;

/**
 * Phase times of one engine run, printed to stderr when the system property {@value #PROPERTY} is
 * {@code true} (for example {@code COURSE_JAVA_OPTS=-Dcourse.debug.timing=true ./course grade ...}).
 * Each line names the run (its work folder), the phase, the phase's time and the time since the run began.
 */
final class Timing {

    /** System property: print phase times to stderr. */
    static final String PROPERTY = "course.debug.timing";

    private final boolean on;
    private final String run;
    private final long start;
    private long last;

    private Timing(boolean on, String run) {
        this.on = on;
        this.run = run;
        this.start = System.nanoTime();
        this.last = start;
    }

    static Timing of(String run) {
        return new Timing(Boolean.getBoolean(PROPERTY), run);
    }

    /** Ends the current phase under {@code phase}. */
    synchronized void mark(String phase) {
        if (!on) {
            return;
        }
        long now = System.nanoTime();
        PrintStream err = System.err;
        err.printf("course timing: %s %-34s %6d ms  (%6d ms)%n", run, phase, (now - last) / 1_000_000,
                (now - start) / 1_000_000);
        last = now;
    }
}
