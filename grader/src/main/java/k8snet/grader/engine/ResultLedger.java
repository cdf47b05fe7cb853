package k8snet.grader.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The results state machine of one module's test run, apart from any process: what the plan holds, which
 * tests started and finished how, which exercises were stopped and why, and what a fork's death costs. The
 * {@link ForkSupervisor} feeds it the runner's events (admitted by {@link EventSequence}; a rejected event is
 * counted, warned about, and the test it names cannot pass) and tells it how each fork ended; the ledger says
 * what is left to run and, at the end, every test's result.
 *
 * <p>The fairness rules live here: exercises run in the order given; once a test of an exercise has timed
 * out (or hung, or the exercise used up its time budget) the rest of that exercise is NOT_RUN with the
 * reason, and a fork that dies costs the test it was running and counts against that exercise's restarts.
 */
final class ResultLedger {

    /** Everything the module's run found. */
    record Outcome(List<TestResult> results, Set<String> stubFailures, List<String> warnings) {
    }

    private final String label;
    private final Map<String, String> exerciseOfClass;
    private final RunOrder order;
    private final EngineOptions options;
    private final EventSequence sequence;
    private final ExerciseClock clock;

    private final TestBook book;
    private final Map<String, Integer> deaths = new HashMap<>();
    private final Set<String> tainted = new LinkedHashSet<>();
    private final List<String> rejections = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int recycles;
    private boolean planned;
    private String leftover;

    // Per fork.
    private Set<String> skipSent = Set.of();
    private boolean sawEnd;
    private boolean lastWasTimeout;
    private long testSince;
    private String lastBlamedContainer;

    /**
     * @param label names the run in warnings (the module)
     * @param exerciseOfClass which exercise each test class counts for
     * @param exerciseOrder the exercises in the order their tests run (the manifest's)
     */
    ResultLedger(String label, Map<String, String> exerciseOfClass, List<String> exerciseOrder, EngineOptions options) {
        if (label == null || exerciseOfClass == null || exerciseOrder == null || options == null) {
            throw new IllegalArgumentException("A ledger needs a label, the classes' exercises, their order and options");
        }
        this.label = label;
        this.exerciseOfClass = Map.copyOf(exerciseOfClass);
        this.order = new RunOrder(exerciseOrder);
        this.options = options;
        this.sequence = new EventSequence(exerciseOfClass);
        this.clock = new ExerciseClock(options.exerciseBudget());
        this.book = new TestBook(exerciseOfClass);
    }

    /** Whether the plan has arrived (the first fork reached its first exercise). */
    boolean planned() {
        return planned;
    }

    /**
     * A fork starts with the pending exercises {@code groups}; {@code skip} are the ids it was told to skip
     * (already graded), {@code planning} whether it lists the plan first.
     */
    void forkStarted(List<String> groups, Set<String> skip, boolean planning) {
        sequence.forkStarted(groups, planning);
        skipSent = Set.copyOf(skip);
        sawEnd = false;
        lastWasTimeout = false;
    }

    /** Takes one event of the running fork; returns whether it was admitted. */
    boolean accept(RunnerEvent event, long now) {
        Optional<String> broken = sequence.admit(event);
        if (broken.isPresent()) {
            rejections.add(broken.get());
            String subject = event.subject();
            if (sequence.node(subject).filter(EventSequence.Node::test).isPresent()) {
                tainted.add(subject);
            }
            return false;
        }
        lastWasTimeout = false;
        if (event instanceof RunnerEvent.Plan p) {
            book.plan(p);
        } else if (event instanceof RunnerEvent.Group g) {
            planned = true;
            clock.start(g.exerciseId(), now);
        } else if (event instanceof RunnerEvent.Started s) {
            book.started(s, sequence.node(s.id()).orElseThrow());
            testSince = now;
        } else if (event instanceof RunnerEvent.Finished f) {
            finished(f);
        } else if (event instanceof RunnerEvent.Skipped k) {
            book.skipped(k, skipSent);
        } else {
            sawEnd = true;
            clock.stop(now);
        }
        return true;
    }

    /** The running exercise, when it has used up its time budget by {@code now}. */
    Optional<String> overBudget(long now) {
        return clock.overBudget(now);
    }

    /** The exercise whose tests the fork is running, if any. */
    Optional<String> runningExercise() {
        return Optional.ofNullable(sequence.group());
    }

    /** Whether the fork is inside a test or a test class (where the stall limit applies). */
    boolean busy() {
        return sequence.openTest() != null || sequence.openContainer() != null;
    }

    /**
     * Records how the fork ended and what that cost; returns false when the module's run must stop (the JVM
     * cannot even start its tests), true when a new fork may take what is left.
     *
     * @param note the runner's last words (its console), for a death before any test ran
     */
    boolean forkEnded(ForkEnding ending, int exitCode, String note, long now) {
        clock.stop(now);
        String exercise = sequence.group();
        if (ending == ForkEnding.COMPLETED || sawEnd) {
            return true;
        }
        if (ending == ForkEnding.RECYCLED && lastWasTimeout) {
            recycles++;
            return true;
        }
        if (ending == ForkEnding.CLASSPATH_CHANGED && exercise == null) {
            warnings.add(label + ": the compiled classes changed on disk after they were built (test code wrote into "
                    + "the class path?); the grader ran none of them again");
            leftover = "the compiled classes changed after they were built, so the grader did not run them";
            return false;
        }
        // The runner uses its own exit codes only right after a timed-out test (recycle) or before any test
        // (class path changed); test code that exits with them has crashed the JVM like any other exit.
        ForkEnding real = ending == ForkEnding.RECYCLED || ending == ForkEnding.CLASSPATH_CHANGED ? ForkEnding.EXITED
                : ending;
        String how = real.how(exitCode, exercise, options);
        TestStatus status = real == ForkEnding.EXITED ? TestStatus.CRASHED : TestStatus.TIMED_OUT;
        String blamed = blame(status, how, exercise, now);
        if (exercise == null) {
            warnings.add(label + ": " + how + " before any test ran; the grader gave up on this module");
            leftover = "the test JVM died before it ran (" + how + ")" + (note.isBlank() ? "" : "; " + note);
            return false;
        }
        if (status == TestStatus.TIMED_OUT) {
            stop(exercise, real == ForkEnding.OVER_BUDGET
                    ? "exercise " + exercise + " used up its time budget of " + seconds(options.exerciseBudget())
                    : (blamed == null ? "a test" : "test \"" + book.name(blamed) + "\"") + " of exercise " + exercise
                            + " hung where the per-test timeout could not stop it, so the rest of " + exercise
                            + " was skipped");
            warnings.add(label + ": " + how + "; the rest of exercise " + exercise + " was not run");
            return true;
        }
        int died = deaths.merge(exercise, 1, Integer::sum);
        if (died > options.maxRestarts()) {
            stop(exercise, "the test JVM died " + died + " times during exercise " + exercise
                    + ", so the grader stopped restarting it");
            warnings.add(label + ": " + how + "; the grader stopped after " + died + " test JVMs died during "
                    + exercise);
        } else {
            warnings.add(label + ": " + how + "; the grader restarted the test JVM for the tests not graded yet");
        }
        return true;
    }

    /** What is left to run, by exercise in order (stopped exercises left out). */
    List<RunOrder.Pending> pending() {
        return order.pending(book);
    }

    /** The ids a new fork must skip: every test graded already (so a table resumes after the row that died). */
    Set<String> graded() {
        return book.graded();
    }

    /** {@code [done, total]} tests of one exercise so far, for a progress line. */
    int[] progress(String exercise) {
        return RunOrder.progress(book, exercise);
    }

    /** Every result, in run order, then the tests that never ran with the reason. */
    Outcome outcome() {
        List<TestResult> out = new ArrayList<>();
        for (TestResult r : book.results()) {
            out.add(tainted.contains(r.uniqueId()) && r.passed() ? new TestResult(r.exerciseId(), r.testClass(),
                    r.name(), r.uniqueId(), TestStatus.FAILED, "the grader's results channel was tampered with "
                    + "while this test ran, so it cannot pass", r.output(), r.seconds()) : r);
        }
        for (String unit : book.left()) {
            String reason = order.stopReason(book.exerciseOf(unit))
                    .orElse(leftover == null ? "the test JVM ended before it ran" : leftover);
            out.addAll(book.notRun(unit, "not run: " + reason));
        }
        if (book.planEmpty()) {
            String reason = leftover == null ? "the test JVM ended before it ran" : leftover;
            exerciseOfClass.forEach((cls, e) -> out.add(new TestResult(e, cls, cls.substring(cls.lastIndexOf('.') + 1),
                    "", TestStatus.NOT_RUN, "not run: " + reason, "", 0)));
        }
        List<String> all = new ArrayList<>(warnings);
        if (recycles > 0) {
            all.add(label + ": " + recycles + " test(s) timed out; each time the grader replaced the test JVM, whose "
                    + "abandoned thread may still have been running the test, and skipped the rest of that exercise");
        }
        if (!rejections.isEmpty()) {
            all.add(label + ": ignored " + rejections.size() + " result line(s) that broke the runner's protocol "
                    + "(tampering?), first: " + rejections.get(0)
                    + (tainted.isEmpty() ? "" : "; the tests they named cannot pass: " + String.join(", ", tainted)));
        }
        return new Outcome(out, book.stubFailures(), all);
    }

    /** Adds a warning about the run (such as foreign lines on the pipe). */
    void warn(String warning) {
        warnings.add(label + ": " + warning);
    }

    private void finished(RunnerEvent.Finished f) {
        if (!book.isTest(f.id())) {
            book.containerFinished(f);
            return;
        }
        TestStatus s = f.successful() ? TestStatus.PASSED : f.timedOut() ? TestStatus.TIMED_OUT : TestStatus.FAILED;
        String e = book.exerciseOf(f.id());
        String message = switch (s) {
            case PASSED -> "";
            case TIMED_OUT -> "timed out: this test did not finish within " + seconds(options.testTimeout())
                    + ", so the grader stopped it and skipped the rest of exercise " + e
                    + " (an endless loop, or waiting for something that never happens?)"
                    + (f.message().isBlank() ? "" : "; when stopped, it was at " + f.message());
            default -> (f.aborted() ? "aborted: " : "") + f.message();
        };
        book.testFinished(f, s, message);
        if (s == TestStatus.TIMED_OUT) {
            lastWasTimeout = true;
            stop(e, "test \"" + book.name(f.id()) + "\" of exercise " + e + " timed out after "
                    + seconds(options.testTimeout()) + ", so the rest of " + e + " was skipped");
        }
    }

    /** Blames the fork's death on the running test, or on the next test of the class being prepared. */
    private String blame(TestStatus status, String how, String exercise, long now) {
        String test = sequence.openTest();
        if (test != null) {
            book.blame(test, status, how + " while this test ran", (now - testSince) / 1e9);
            lastBlamedContainer = null;
            return test;
        }
        // Jupiter builds a test's instance (running the test class's constructor and field initialisers) before
        // it reports the test as started, and runs @BeforeAll before that. The first time a container dies this
        // way only its next test is blamed (a constructor that hung once); if the same container dies again,
        // all of its tests are (a @BeforeAll that always exits).
        String container = sequence.openContainer();
        if (container == null || exercise == null) {
            return null;
        }
        boolean again = container.equals(lastBlamedContainer);
        lastBlamedContainer = container;
        return book.blameUnder(container, exercise, status, how + " while the test was being prepared (constructor, "
                + "field initialisers or @BeforeAll)", again);
    }

    private void stop(String exercise, String reason) {
        order.stop(exercise, reason);
    }

    /** {@code 10 s}, {@code 2.5 s}. */
    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
