package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import k8snet.grader.guard.BytecodeCheck;
import k8snet.grader.guard.Sandbox;

/**
 * The grading engine: for each module in manifest order, up to the last one with a requested exercise, it
 * lays out the sources ({@link ModuleSources}, taking from a submission only what {@link SubmissionAdmission}
 * admits), compiles them in-process with per-file fallback ({@link MainBuilder}, cached by input hash), compiles
 * the graded tests ({@link TestBuilder}), runs them in forked, time- and memory-limited JVMs
 * ({@link ForkSupervisor}, whose results state machine is the {@link ResultLedger}), inside the run's
 * sandbox ({@link ForkJail}), and scores each exercise ({@link Verdicts}). This class only orders those steps,
 * and keeps what lives across runs: the compile cache's index and, for {@code course watch}, a test JVM
 * ready for the next run ({@link WarmForks}).
 *
 * <p>Where sources come from: provided code always from the kit's {@code <module>/src/main/java}; each
 * exercise's files from its {@link Origin} (an exercise missing from {@link RunRequest#origins()} counts as
 * SUBMISSION); tests only from the kit's {@code <module>/src/test/java}, plus hidden tests.
 */
public final class ForkingEngine implements Engine {

    private final EngineOptions options;
    private final CacheIndex cacheIndex = new CacheIndex();
    /** Folder digests kept between the runs of a student's own check and watch ({@link DigestMemo}). */
    private final DigestMemo ownDigests = DigestMemo.remembering();
    /** The allowlist check of compiled student classes, or null when the options turn it off. */
    private final AllowlistGate gate;
    /** The graded runs' sandbox, chosen when the first one starts (choosing it starts test JVMs to try). */
    private final java.util.function.Supplier<Sandbox> sandbox;
    private Sandbox chosen;
    private final WarmForks warmForks;
    /** The work folder of the latest run: where {@link #prepareNextRun()} starts the next test JVM. */
    private volatile Path lastWork;
    /** The warm-up file of the latest run's tests when that run tested one module and ended cleanly, else null. */
    private volatile Path lastCleanSpec;

    public ForkingEngine() {
        this(EngineOptions.defaults());
    }

    /**
     * @throws IllegalStateException when {@code options} force a sandbox mode that does not work here (found
     *     out at once, so the grader stops before it grades anything)
     */
    public ForkingEngine(EngineOptions options) {
        this(requireOptions(options), chooser(options));
    }

    private static java.util.function.Supplier<Sandbox> chooser(EngineOptions options) {
        if (options.guard().sandbox().isPresent()) {
            Sandbox forced = Sandbox.choose(options.guard().sandbox());
            return () -> forced;
        }
        return () -> Sandbox.choose(java.util.Optional.empty());
    }

    /**
     * An engine that asks {@code sandbox} for its graded runs' sandbox once, when the first one starts; the
     * grader's own tests pass one of their own (a root grader whose {@code setpriv} is missing or fails).
     */
    ForkingEngine(EngineOptions options, java.util.function.Supplier<Sandbox> sandbox) {
        if (sandbox == null) {
            throw new IllegalArgumentException("The sandbox's chooser must not be null");
        }
        this.options = requireOptions(options);
        this.gate = options.guard().checkBytecode() ? new AllowlistGate(BytecodeCheck.standard()) : null;
        this.sandbox = sandbox;
        this.warmForks = new WarmForks(options);
    }

    private static EngineOptions requireOptions(EngineOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("Engine options must not be null (use EngineOptions.defaults())");
        }
        return options;
    }

    public EngineOptions options() {
        return options;
    }

    @Override
    public GradeReport run(RunRequest request) {
        return run(request, TestProgress.NONE);
    }

    @Override
    public GradeReport run(RunRequest request, TestProgress progress) {
        if (request == null || progress == null) {
            throw new IllegalArgumentException("Run request and progress must not be null");
        }
        long start = System.nanoTime();
        Path work = checkedWorkDir(request);
        Timing timing = Timing.of(work.getFileName().toString());
        ForkJail jail = ForkJail.of(sandboxFor(request), work,
                options.cacheDir().orElse(work.resolve("cache")).toAbsolutePath(), real(request.kitRoot()));
        // Start a test JVM first (or take the one kept ready): it warms up while the sources compile.
        WarmFork warm = null;
        if (!request.exerciseIds().isEmpty()) {
            try {
                Path forks = work.resolve("forks");
                Compiler.deleteTree(forks);
                warm = warmForks.take(forks, jail);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start a test JVM in " + work, e);
            }
        }
        EngineRun run = null;
        try {
            timing.mark("start the test JVM");
            run = new EngineRun(options, cacheIndex, ownDigests, gate, request, warm, start, timing, progress, jail);
            timing.mark("manifest and kit classes");
            GradeReport report = run.execute();
            lastCleanSpec = run.modulesTested == 1 ? run.cleanSpec : null;
            return report;
        } finally {
            if (warm != null && (run == null || run.warm != null)) {
                warmForks.unused(warm);
            }
            lastWork = work;
        }
    }

    /**
     * Starts the test JVM of the next run now (in the latest run's work folder, {@code warm/}), and from
     * then on keeps one ready after each run; {@link #close()} ends it. For {@code course watch}.
     */
    @Override
    public void prepareNextRun() {
        Path work = lastWork;
        if (work != null) {
            warmForks.prepare(work, lastCleanSpec);
        }
    }

    @Override
    public void close() {
        warmForks.close();
    }

    /**
     * The sandbox of a run: the engine's, except for a student's own check of the kit (the submission is the
     * kit itself) when no mode was forced. There the code is the student's own, on the student's machine, so
     * a sandbox protects nothing and would cost {@code watch} its ready test JVM; such runs report {@code none}
     * (or {@code none (as root)}: a root student's own tests run as root, as the student's own code would).
     */
    private Sandbox sandboxFor(RunRequest request) {
        boolean ownCheck = real(request.kitRoot()).equals(real(request.submission()));
        if (ownCheck && options.guard().sandbox().isEmpty()) {
            // Nothing to choose or try: a student's own check costs no sandbox probe and no try of setpriv.
            return Sandbox.keepingUser();
        }
        synchronized (this) {
            if (chosen == null) {
                chosen = sandbox.get();
            }
            return chosen;
        }
    }

    private static Path checkedWorkDir(RunRequest request) {
        if (request.kitRoot() == null || request.submission() == null || request.workDir() == null
                || request.hiddenTests() == null || request.exerciseIds() == null || request.origins() == null) {
            throw new IllegalArgumentException("Run request has a null part: " + request);
        }
        Path work = request.workDir().toAbsolutePath().normalize();
        Path kit = real(request.kitRoot());
        Path submission = real(request.submission());
        if (!kit.equals(submission) && (work.startsWith(submission) || work.startsWith(request.submission()
                .toAbsolutePath().normalize()))) {
            throw new IllegalArgumentException("The work dir must not be inside the submission (it is never "
                    + "written to): " + work);
        }
        return work;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("Folder does not exist: " + p, e);
        }
    }
}
