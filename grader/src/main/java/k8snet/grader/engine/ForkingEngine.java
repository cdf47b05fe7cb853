package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import k8snet.grader.guard.BytecodeCheck;
import k8snet.grader.guard.Sandbox;
import k8snet.grader.guard.SandboxMode;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

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

    /** A run whose tests take longer than this is not run again as the next test JVM's warm-up. */
    private static final long WARM_UP_RERUN_NANOS = 5_000_000_000L;

    private final EngineOptions options;
    private final CacheIndex cacheIndex = new CacheIndex();
    /** The allowlist check of compiled student classes, or null when the options turn it off. */
    private final AllowlistGate gate;
    private final Sandbox sandbox;
    private final WarmForks warmForks;
    /** The work folder of the latest run: where {@link #prepareNextRun()} starts the next test JVM. */
    private volatile Path lastWork;
    /** The warm-up file of the latest run's tests when that run tested one module and ended cleanly, else null. */
    private volatile Path lastCleanSpec;

    public ForkingEngine() {
        this(EngineOptions.defaults());
    }

    public ForkingEngine(EngineOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("Engine options must not be null (use EngineOptions.defaults())");
        }
        this.options = options;
        this.gate = options.guard().checkBytecode() ? new AllowlistGate(BytecodeCheck.standard()) : null;
        this.sandbox = Sandbox.choose(options.guard().sandbox());
        this.warmForks = new WarmForks(options);
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
        Run run = null;
        try {
            timing.mark("start the test JVM");
            run = new Run(request, warm, start, timing, progress, jail);
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
        return ownCheck && options.guard().sandbox().isEmpty() ? Sandbox.choose(Optional.of(SandboxMode.NONE)).keepingRoot()
                : sandbox;
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

    private final class Run {
        private final long startNanos;
        private final RunRequest request;
        private final Path kit;
        private final Path work;
        private final Manifest manifest;
        private final Set<String> warnings = new LinkedHashSet<>();
        private final Set<String> tampered = new LinkedHashSet<>();
        private final KitClasses kitClasses;
        private final HiddenTests hidden;
        private final Verdicts verdicts;
        private final MainBuilder mainBuilder;
        private final TestBuilder testBuilder;
        private final List<Path> graderClasspath;
        private final Timing timing;
        private final TestProgress progress;
        private final ForkJail jail;

        /** How many modules' tests ran, and the warm-up file of the last of them if it ended cleanly. */
        int modulesTested;
        Path cleanSpec;

        /** The warm test JVM until a module's tests take it (then null). */
        private WarmFork warm;

        Run(RunRequest request, WarmFork warm, long startNanos, Timing timing, TestProgress progress, ForkJail jail) {
            this.jail = jail;
            this.startNanos = startNanos;
            this.timing = timing;
            this.progress = progress;
            this.request = request;
            this.warm = warm;
            this.kit = real(request.kitRoot());
            Path submission = real(request.submission());
            boolean submissionIsKit = kit.equals(submission);
            this.work = request.workDir().toAbsolutePath().normalize();
            this.manifest = Manifest.load(kit);
            for (String id : request.exerciseIds()) {
                if (manifest.exercise(id).isEmpty()) {
                    throw new IllegalArgumentException("Unknown exercise '" + id + "' (the manifest has "
                            + manifest.exercises().stream().map(Exercise::id).toList() + ")");
                }
            }
            Path cache = options.cacheDir().orElse(work.resolve("cache")).toAbsolutePath();
            Compiler compiler = new Compiler(cache, cacheIndex);
            this.kitClasses = KitClasses.of(kit, manifest);
            this.hidden = request.hiddenTests()
                    .map(h -> HiddenTests.load(real(h), manifest, kitClasses.all(), warnings))
                    .orElse(HiddenTests.none());
            this.verdicts = new Verdicts(hidden);
            SubmissionAdmission admission = new SubmissionAdmission(kit, submission, kitClasses, warnings, tampered);
            ModuleSources layering = new ModuleSources(kit, submissionIsKit, admission, this::origin, warnings);
            Path layout = work.resolve("layout");
            this.mainBuilder = new MainBuilder(compiler, new IncrementalCompile(compiler, cache), gate, layering,
                    admission, kitClasses, this::origin, submissionIsKit, layout, timing, warnings, tampered);
            this.testBuilder = new TestBuilder(kit, compiler, hidden, layout, timing, warnings);
            this.graderClasspath = GraderClasspath.entries();
        }

        GradeReport execute() {
            List<Exercise> requested = manifest.exercises().stream()
                    .filter(e -> request.exerciseIds().contains(e.id()))
                    .toList();
            int last = -1;
            for (int i = 0; i < manifest.modules().size(); i++) {
                String id = manifest.modules().get(i).id();
                if (requested.stream().anyMatch(e -> e.module().equals(id))) {
                    last = i;
                }
            }
            Map<String, ExerciseResult> byId = new HashMap<>();
            List<ClassFolder> mainOutputs = new ArrayList<>();
            List<ClassFolder> resources = new ArrayList<>();
            List<Compiler.Source> support = new ArrayList<>(hidden.support());
            String brokenModule = null;
            for (int i = 0; i <= last; i++) {
                String module = manifest.modules().get(i).id();
                List<Exercise> exercises = manifest.exercisesOf(module);
                List<Exercise> tested = exercises.stream().filter(requested::contains).toList();
                addSupport(support, module);
                addResources(resources, module);
                if (brokenModule != null) {
                    String why = "not compiled: module " + brokenModule + ", which this module needs, does not compile";
                    tested.forEach(e -> byId.put(e.id(), verdicts.notCompiled(e, List.of(why))));
                    continue;
                }
                MainBuilder.MainBuild main = mainBuilder.build(module, exercises, paths(mainOutputs));
                if (main.classes() == null) {
                    brokenModule = module;
                    tested.forEach(e -> byId.put(e.id(), verdicts.notCompiled(e, main.errorsOf(e.id()))));
                    continue;
                }
                mainOutputs.add(main.classes());
                if (!tested.isEmpty()) {
                    gradeModule(module, tested, main, mainOutputs, resources, support, byId);
                }
            }
            List<ExerciseResult> results = requested.stream().map(e -> byId.get(e.id())).toList();
            long score = results.stream().mapToLong(r -> Points.hundredths(r.score())).sum();
            long max = results.stream().mapToLong(r -> Points.hundredths(r.maxScore())).sum();
            return new GradeReport(results, Points.points(score), Points.points(max), List.copyOf(warnings),
                    (System.nanoTime() - startNanos) / 1e9, List.copyOf(tampered), jail.label());
        }

        private void gradeModule(String module, List<Exercise> tested, MainBuilder.MainBuild main,
                                 List<ClassFolder> mainOutputs, List<ClassFolder> resources,
                                 List<Compiler.Source> support, Map<String, ExerciseResult> byId) {
            List<Path> testClasspath = new ArrayList<>(graderClasspath);
            testClasspath.addAll(paths(mainOutputs));
            List<Exercise> toBuild = new ArrayList<>();
            for (Exercise e : tested) {
                if (main.allReverted(e)) {
                    byId.put(e.id(), verdicts.notCompiled(e, main.errorsOf(e.id())));
                } else {
                    toBuild.add(e);
                }
            }
            TestBuilder.Built built = testBuilder.build(module, toBuild, dedupe(support), testClasspath);
            built.notCompiled().forEach((e, messages) -> byId.put(e.id(), verdicts.notCompiled(e, messages)));
            if (built.running().isEmpty()) {
                return;
            }
            Map<String, String> exerciseOfClass = new LinkedHashMap<>();
            for (Exercise e : built.running()) {
                e.tests().forEach(t -> exerciseOfClass.put(t, e.id()));
                Set<String> broken = new HashSet<>();
                built.brokenHidden().getOrDefault(e.id(), List.of()).forEach(t -> broken.add(t.testClass()));
                hidden.classesOf(e.id()).stream().filter(c -> !broken.contains(c))
                        .forEach(c -> exerciseOfClass.put(c, e.id()));
            }
            List<ClassFolder> runtime = new ArrayList<>(built.outputs());
            runtime.addAll(mainOutputs);
            runtime.addAll(resources);
            WarmFork mine = warm;
            warm = null;
            long testsStart = System.nanoTime();
            ResultLedger.Outcome outcome = new ForkSupervisor(options, work.resolve("forks").resolve(module), runtime,
                    exerciseOfClass, built.running().stream().map(Exercise::id).toList(), module, mine, jail, timing,
                    progress).run();
            timing.mark("run the tests of " + module);
            modulesTested++;
            cleanSpec = cleanSpec(runtime, exerciseOfClass.keySet(), outcome, System.nanoTime() - testsStart);
            warnings.addAll(outcome.warnings());
            for (Exercise e : built.running()) {
                List<TestResult> tests = new ArrayList<>(outcome.results().stream()
                        .filter(t -> t.exerciseId().equals(e.id())).toList());
                tests.addAll(built.brokenHidden().getOrDefault(e.id(), List.of()));
                byId.put(e.id(), verdicts.scored(e, tests, outcome.stubFailures(), main.errorsOf(e.id())));
            }
        }

        /**
         * A warm-up file (in the work folder, which the next run keeps) naming the module's class path and
         * test classes, when every test passed or failed, none timed out, crashed or was left out, and they
         * ran quickly: the next test JVM may then run them once more as its warm-up
         * ({@link k8snet.grader.runner.RunnerMain#WARM_UP_SPEC_PROPERTY}). Else null. It holds no token and no
         * spec: those only ever travel on the fork's stdin.
         */
        private Path cleanSpec(List<ClassFolder> runtime, Set<String> testClasses, ResultLedger.Outcome outcome,
                               long nanos) {
            boolean clean = nanos < WARM_UP_RERUN_NANOS && !outcome.results().isEmpty() && outcome.results().stream()
                    .allMatch(t -> t.status() == TestStatus.PASSED || t.status() == TestStatus.FAILED);
            if (!clean) {
                return null;
            }
            java.util.Properties p = new java.util.Properties();
            for (int i = 0; i < runtime.size(); i++) {
                p.setProperty(k8snet.grader.runner.Protocol.WARM_UP_CLASSPATH + i,
                        runtime.get(i).path().toAbsolutePath().toString());
            }
            int i = 0;
            for (String c : testClasses) {
                p.setProperty(k8snet.grader.runner.Protocol.WARM_UP_SELECT + i++, c);
            }
            p.setProperty(k8snet.grader.runner.Protocol.WARM_UP_TIMEOUT, options.testTimeout().toMillis() + " ms");
            Path file = work.resolve("warm-spec.properties");
            try (java.io.Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "the test classes the next test JVM's warm-up runs once more");
                return file;
            } catch (IOException e) {
                return null;
            }
        }

        private void addSupport(List<Compiler.Source> support, String module) {
            Path root = KitLayout.testSources(kit, module);
            for (Path file : KitLayout.javaFiles(root)) {
                if (kitClasses.isGradedTest(KitLayout.className(root, file))) {
                    continue;
                }
                byte[] content = SubmissionAdmission.read(file);
                if (!KitLayout.hasTests(new String(content, StandardCharsets.UTF_8))) {
                    String rel = Compiler.slash(root.relativize(file));
                    support.add(new Compiler.Source(rel, content, module + "/src/test/java/" + rel, null));
                }
            }
        }

        private void addResources(List<ClassFolder> resources, String module) {
            for (String dir : List.of("src/test/resources", "src/main/resources")) {
                Path p = kit.resolve(module).resolve(dir);
                if (Files.isDirectory(p)) {
                    resources.add(ClassFolder.asItIs(p));
                }
            }
        }

        private Origin origin(String exerciseId) {
            return request.origins().getOrDefault(exerciseId, Origin.SUBMISSION);
        }
    }

    private static List<Path> paths(List<ClassFolder> folders) {
        return folders.stream().map(ClassFolder::path).toList();
    }

    private static List<Compiler.Source> dedupe(List<Compiler.Source> sources) {
        Map<String, Compiler.Source> byRel = new LinkedHashMap<>();
        sources.forEach(s -> byRel.putIfAbsent(s.rel(), s));
        return List.copyOf(byRel.values());
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("Folder does not exist: " + p, e);
        }
    }
}
