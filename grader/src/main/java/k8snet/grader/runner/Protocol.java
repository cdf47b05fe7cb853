package k8snet.grader.runner;

/**
 * The protocol between the engine and the forked test JVM, declared once for both sides
 * ({@link RunnerMain} and {@link ResultListener} write it, the engine's {@code EventParser} and
 * {@code ForkSpec} read and write the other half).
 *
 * <p><b>Standard input</b> (engine to runner): line 1 is the run's secret token, sent as soon as the JVM
 * starts; then the run's spec as {@link java.util.Properties} text with the {@code SPEC_*} keys below, ended
 * by closing the stream. Nothing of it is ever written to a file or a command line, so test code cannot
 * read the token anywhere but in the runner's memory.
 *
 * <p><b>Standard output</b> (runner to engine) is the results pipe: one JSON object per line, each with the
 * token ({@link #TOKEN}) and an {@link #EVENT}. The runner replaces {@code System.out} and {@code System.err}
 * with a per-test capture before any test class loads, so what tests print never reaches it; the JVM's own
 * messages go to standard error ({@code -XX:+DisplayVMOutputToStderr}). Events, in the order the engine
 * accepts them:
 * <ol>
 *   <li>{@link #PLAN} for every test and container (only when {@link #SPEC_PLAN} is true), before anything runs;</li>
 *   <li>per exercise, in the spec's order: {@link #GROUP} with the exercise id, then {@link #STARTED},
 *       {@link #FINISHED} and {@link #SKIPPED} as JUnit reports them, properly nested;</li>
 *   <li>{@link #END} once, last.</li>
 * </ol>
 */
public final class Protocol {

    // ---- events -------------------------------------------------------------------------------------

    /** Event: one node of the test plan (with {@link #ID}, {@link #PARENT}, {@link #TEST}, ...). */
    public static final String PLAN = "plan";
    /** Event: the tests of one exercise start ({@link #ID} is the exercise id). */
    public static final String GROUP = "group";
    /** Event: a test or container started. */
    public static final String STARTED = "started";
    /** Event: a test or container finished (with {@link #STATUS} and what it threw). */
    public static final String FINISHED = "finished";
    /** Event: a test or container was skipped (with {@link #MESSAGE}, the reason). */
    public static final String SKIPPED = "skipped";
    /** Event: every group ran; nothing follows. */
    public static final String END = "end";

    // ---- keys of an event line ------------------------------------------------------------------------

    /** The run's token: a line without it is not the runner's. */
    public static final String TOKEN = "token";
    /** Which event the line is. */
    public static final String EVENT = "event";
    /** The JUnit Platform unique id (or, for {@link #GROUP}, the exercise id). */
    public static final String ID = "id";
    /** The parent's unique id, "" for a root. */
    public static final String PARENT = "parent";
    /** Whether the node is a test (not a container). */
    public static final String TEST = "test";
    /** Whether the node's source is a method (a test method, a parameterized test, a test factory). */
    public static final String METHOD = "method";
    /** A plan line's parameterized test: how many rows its annotations give ({@code RowCount}); absent if unknown. */
    public static final String ROWS = "rows";
    /** Display names from the class down, joined by " > ". */
    public static final String NAME = "name";
    /** The top-level test class. */
    public static final String CLASS = "class";
    /** {@code System.nanoTime()} in the runner when the event happened. */
    public static final String NANOS = "nanos";
    /** JUnit's status: SUCCESSFUL, ABORTED or FAILED. */
    public static final String STATUS = "status";
    /** What the test printed, capped. */
    public static final String OUTPUT = "output";
    /** The class of what the test threw. */
    public static final String EXCEPTION = "exception";
    /** Whether what it threw is an {@link AssertionError}. */
    public static final String ASSERTION = "assertion";
    /** The failure message, or a skip's reason. */
    public static final String MESSAGE = "message";
    /** Whether the per-test timeout ({@link TestTimeout}) stopped the test. */
    public static final String TIMED_OUT = "timedOut";
    /** Whether the failure is an untouched stub's "Exercise N.M" exception. */
    public static final String STUB = "stub";

    // ---- keys of the spec -------------------------------------------------------------------------------

    /** Spec: the per-test timeout, in milliseconds, such as {@code 10000 ms} ({@link TestTimeout#parseMillis}). */
    public static final String SPEC_TIMEOUT = "timeout";
    /** Spec: bytes of output kept per test. */
    public static final String SPEC_OUTPUT_CAP = "outputCap";
    /** Spec: whether to write the {@link #PLAN} first. */
    public static final String SPEC_PLAN = "plan";
    /** {@code true}: each exercise (group) gets a class loader of its own, so no static state passes from one to the
     * next; the engine asks for it when the module runs hidden tests, whose names and inputs must not reach a later
     * exercise's messages. */
    public static final String SPEC_ISOLATE = "isolate";
    /** Spec prefix: {@code classpath.N} is the N-th folder of compiled classes or resources. */
    public static final String SPEC_CLASSPATH = "classpath.";
    /** Spec prefix: {@code digest.N} is the {@link TreeDigest} the N-th class path folder must have. */
    public static final String SPEC_DIGEST = "digest.";
    /** Spec prefix: {@code group.N} is the N-th exercise id to run, in order. */
    public static final String SPEC_GROUP = "group.";
    /** Spec infix: {@code group.N.select.M} is a selector of group N: {@code class:<name>} or {@code uid:<id>}. */
    public static final String SPEC_SELECT = ".select.";
    /** Spec prefix: {@code skip.N} is a unique id already graded, which the runner skips. */
    public static final String SPEC_SKIP = "skip.";

    /** Selector prefix for a class. */
    public static final String SELECT_CLASS = "class:";
    /** Selector prefix for a unique id. */
    public static final String SELECT_UID = "uid:";

    // ---- the warm-up file of an earlier clean run (RunnerMain.WARM_UP_SPEC_PROPERTY) ------------------

    /** Warm-up file key prefix: the class path folders, numbered from 0. */
    public static final String WARM_UP_CLASSPATH = "classpath.";
    /** Warm-up file key prefix: the test classes to run, numbered from 0. */
    public static final String WARM_UP_SELECT = "select.";
    /** Warm-up file key: the per-test timeout, as Jupiter reads it. */
    public static final String WARM_UP_TIMEOUT = "timeout";

    // ---- exit codes -----------------------------------------------------------------------------------

    /**
     * The exit code of a runner that halted on purpose after reporting a timed-out test, so that the thread
     * Jupiter abandoned dies with it; the engine starts a fresh fork for what is left.
     */
    public static final int RECYCLE_EXIT = 75;
    /** The exit code of a runner whose class path did not match the digests of the spec. */
    public static final int CLASSPATH_CHANGED_EXIT = 76;

    private Protocol() {
    }
}
