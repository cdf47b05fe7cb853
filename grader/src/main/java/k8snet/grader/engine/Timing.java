package k8snet.grader.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase times of one engine run, printed to stderr when the system property {@value #PROPERTY} is
 * {@code true} (for example {@code COURSE_JAVA_OPTS=-Dcourse.debug.timing=true ./course grade ...}).
 * Each line names the run (its work folder), the phase, the phase's time and the time since the run began.
 * After each fork, the {@value #SLOWEST} slowest tests follow, by the runner's own clock, so that a maintainer
 * sees which test an exercise's time goes to.
 */
final class Timing {

    /** System property: print phase times to stderr. */
    static final String PROPERTY = "course.debug.timing";

    private final boolean on;
    private final String run;
    private final long start;
    private long last;
    /** Start times of the open tests, by id; then each finished test's time, with its name. */
    private final Map<String, RunnerEvent.Started> open = new HashMap<>();
    private final List<Map.Entry<String, Long>> finished = new ArrayList<>();
    /** The runner's clock at the first test's start and the last test's end, 0 before any. */
    private long firstStart;
    private long lastEnd;

    /** How many of the slowest tests {@link #slowest} prints. */
    static final int SLOWEST = 5;

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

    /** Notes a runner event, for the slowest tests; only tests count, not containers. */
    synchronized void event(RunnerEvent event) {
        if (!on) {
            return;
        }
        if (event instanceof RunnerEvent.Started s && s.test()) {
            firstStart = firstStart == 0 ? s.nanos() : firstStart;
            open.put(s.id(), s);
        } else if (event instanceof RunnerEvent.Finished f) {
            RunnerEvent.Started s = open.remove(f.id());
            if (s != null) {
                lastEnd = f.nanos();
                String simple = s.testClass().substring(s.testClass().lastIndexOf('.') + 1);
                finished.add(Map.entry(simple + " > " + s.name(), f.nanos() - s.nanos()));
            }
        }
    }

    /** Prints the slowest tests noted since the last call, and forgets them. */
    synchronized void slowest() {
        if (!on) {
            return;
        }
        long total = finished.stream().mapToLong(Map.Entry::getValue).sum();
        finished.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        System.err.printf("course timing: %s %d tests took %d ms in all, %d ms from the first start to the last end;"
                + " the slowest:%n", run, finished.size(), total / 1_000_000, (lastEnd - firstStart) / 1_000_000);
        for (Map.Entry<String, Long> e : finished.subList(0, Math.min(SLOWEST, finished.size()))) {
            System.err.printf("course timing: %s %6d ms  %s%n", run, e.getValue() / 1_000_000, e.getKey());
        }
        finished.clear();
        open.clear();
        firstStart = 0;
        lastEnd = 0;
    }
}
