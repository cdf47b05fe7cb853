package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The grading engine: lays out each module's sources, compiles them in-process (cached by input hash),
 * and runs the requested exercises' graded tests in a forked, time- and memory-limited JVM.
 *
 * <p>Where sources come from, per module in manifest order up to the last module with a requested
 * exercise:
 * <ul>
 *   <li>provided code: always the kit's {@code <module>/src/main/java};</li>
 *   <li>each exercise's files: by its {@link Origin} (an exercise missing from
 *       {@link RunRequest#origins()} counts as SUBMISSION); a file missing from the submission is the stub;</li>
 *   <li>new {@code .java} files of the submission that lie beside a SUBMISSION exercise's files, declare
 *       that folder's package and take no name of a kit class (main or test, any module) nor a place in
 *       {@code k8snet.testkit} or {@code k8snet.grader};</li>
 *   <li>tests: only the kit's {@code <module>/src/test/java} (plus hidden tests): the listed classes of
 *       each exercise, compiled per exercise with the test-support classes (those without tests) on the
 *       source path, so one exercise's compile error does not zero another.</li>
 * </ul>
 * Everything else in the submission is ignored; files that differ from the kit's and new files that are
 * refused are named in {@link GradeReport#warnings()}. When the submission is the kit itself (a
 * student's own {@code check}), the kit's folders are taken as they are.
 *
 * <p>If a module does not compile, the exercises whose files carry the errors (or, for errors in provided
 * code, every exercise not taken from the stub) fall back to their stubs and the module is compiled
 * again, so the other exercises are still graded; the fallen-back ones are DOES_NOT_COMPILE.
 */
public final class ForkingEngine implements Engine {

    private static final List<String> RESERVED_PACKAGES = List.of("k8snet.testkit", "k8snet.grader");
    private static final long MAX_SOURCE_BYTES = 2L * 1024 * 1024;

    private final EngineOptions options;
    /** The allowlist check of compiled student classes, or null when the options turn it off. */
    private final AllowlistGate gate;
    private final Sandbox sandbox;
    private final WarmForks warmForks;
    /** The work folder of the latest run: where {@link #prepareNextRun()} starts the next test JVM. */
    private volatile Path lastWork;
    /** A copy of the spec of the latest run's tests when that run tested one module and ended cleanly, else null. */
    private volatile Path lastCleanSpec;

    /** A run whose tests take longer than this is not run again as the next test JVM's warm-up. */
    private static final long WARM_UP_RERUN_NANOS = 5_000_000_000L;

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
        if (request == null) {
            throw new IllegalArgumentException("Run request must not be null");
        }
        long start = System.nanoTime();
        Path work = checkedWorkDir(request);
        Timing timing = Timing.of(work.getFileName().toString());
        ForkJail jail = ForkJail.of(sandboxFor(request), work,
                options.cacheDir().orElse(work.resolve("cache")).toAbsolutePath(), real(request.kitRoot()));
        // Start a test JVM first: it warms up while the manifest is read and the sources compile.
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
            run = new Run(request, warm, start, timing, jail);
            timing.mark("manifest and kit classes");
            GradeReport report = run.execute();
            lastCleanSpec = run.modulesTested == 1 ? run.cleanSpec : null;
            return report;
        } finally {
            if (run == null || run.warm != null) {
                if (warm != null) {
                    warmForks.unused(warm);
                }
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
     * a sandbox protects nothing and would cost {@code watch} its ready test JVM; such runs report {@code none}.
     */
    private Sandbox sandboxFor(RunRequest request) {
        boolean ownCheck = real(request.kitRoot()).equals(real(request.submission()));
        return ownCheck && options.guard().sandbox().isEmpty() ? Sandbox.choose(Optional.of(SandboxMode.NONE)) : sandbox;
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
        private final Path submission;
        private final boolean submissionIsKit;
        private final Path work;
        private final Manifest manifest;
        private final Compiler compiler;
        /** For a student's own check and watch, where one module is compiled again after each edit. */
        private final IncrementalCompile incremental;
        private final Set<String> warnings = new LinkedHashSet<>();
        private final Set<String> tampered = new LinkedHashSet<>();
        private final Set<String> kitMainClasses = new HashSet<>();
        private final Set<String> kitTestClasses = new HashSet<>();
        private final Set<String> gradedTests = new HashSet<>();
        private final HiddenTests hidden;
        private final List<Path> graderClasspath;
        private final String forbiddenKey;

        /** How many modules' tests ran, and the copied spec of the last of them if it ended cleanly. */
        int modulesTested;
        Path cleanSpec;

        /** The warm test JVM until a module's tests take it (then null). */
        private WarmFork warm;
        private final Timing timing;
        private final ForkJail jail;

        Run(RunRequest request, WarmFork warm, long startNanos, Timing timing, ForkJail jail) {
            this.jail = jail;
            this.startNanos = startNanos;
            this.timing = timing;
            this.request = request;
            this.warm = warm;
            this.kit = real(request.kitRoot());
            this.submission = real(request.submission());
            this.submissionIsKit = kit.equals(submission);
            this.work = request.workDir().toAbsolutePath().normalize();
            this.manifest = Manifest.load(kit);
            for (String id : request.exerciseIds()) {
                if (manifest.exercise(id).isEmpty()) {
                    throw new IllegalArgumentException("Unknown exercise '" + id + "' (the manifest has "
                            + manifest.exercises().stream().map(Exercise::id).toList() + ")");
                }
            }
            Path cache = options.cacheDir().orElse(work.resolve("cache")).toAbsolutePath();
            this.compiler = new Compiler(cache);
            this.incremental = new IncrementalCompile(compiler, cache);
            for (CourseModule m : manifest.modules()) {
                Path main = KitLayout.mainSources(kit, m.id());
                KitLayout.javaFiles(main).forEach(f -> kitMainClasses.add(KitLayout.className(main, f)));
                Path test = KitLayout.testSources(kit, m.id());
                KitLayout.javaFiles(test).forEach(f -> kitTestClasses.add(KitLayout.className(test, f)));
            }
            manifest.exercises().forEach(e -> gradedTests.addAll(e.tests()));
            this.forbiddenKey = String.join(",", new java.util.TreeSet<>(kitTestClasses)) + "|" + RESERVED_PACKAGES;
            Set<String> kitClasses = new HashSet<>(kitMainClasses);
            kitClasses.addAll(kitTestClasses);
            this.hidden = request.hiddenTests().map(h -> HiddenTests.load(real(h), manifest, kitClasses, warnings))
                    .orElse(HiddenTests.none());
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
            List<Path> mainOutputs = new ArrayList<>();
            List<Path> resources = new ArrayList<>();
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
                    tested.forEach(e -> byId.put(e.id(), notCompiled(e, List.of(why))));
                    continue;
                }
                MainBuild main = buildMain(module, exercises, mainOutputs);
                if (main.classes == null) {
                    brokenModule = module;
                    tested.forEach(e -> byId.put(e.id(), notCompiled(e, main.errorsOf(e))));
                    continue;
                }
                mainOutputs.add(main.classes);
                if (!tested.isEmpty()) {
                    gradeModule(module, tested, main, mainOutputs, resources, support, byId);
                }
            }
            List<ExerciseResult> results = requested.stream().map(e -> byId.get(e.id())).toList();
            long score = results.stream().mapToLong(r -> Points.hundredths(r.score())).sum();
            long max = results.stream().mapToLong(r -> Points.hundredths(r.maxScore())).sum();
            return new GradeReport(results, Points.points(score), Points.points(max), List.copyOf(warnings),
                    (System.nanoTime() - startNanos) / 1e9, List.copyOf(tampered), jail.mode().label());
        }

        private void gradeModule(String module, List<Exercise> tested, MainBuild main, List<Path> mainOutputs,
                                 List<Path> resources, List<Compiler.Source> support,
                                 Map<String, ExerciseResult> byId) {
            List<Path> testClasspath = new ArrayList<>(graderClasspath);
            testClasspath.addAll(mainOutputs);
            List<Compiler.Source> supportSources = dedupe(support);
            Map<Exercise, List<Compiler.Source>> testsOf = new LinkedHashMap<>();
            for (Exercise e : tested) {
                if (main.reverted.contains(e.id())) {
                    byId.put(e.id(), notCompiled(e, main.errorsOf(e)));
                    continue;
                }
                List<Compiler.Source> tests = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                Path testRoot = KitLayout.testSources(kit, module);
                for (String t : e.tests()) {
                    String rel = KitLayout.sourcePath(t);
                    Path file = testRoot.resolve(rel);
                    if (Files.isRegularFile(file)) {
                        tests.add(new Compiler.Source(rel, read(file), module + "/src/test/java/" + rel, e.id()));
                    } else {
                        missing.add(module + "/src/test/java/" + rel + ": the graded test " + t
                                + " is missing from the kit");
                    }
                }
                tests.addAll(hidden.testsOf(e.id()));
                if (!missing.isEmpty()) {
                    byId.put(e.id(), notCompiled(e, missing));
                    continue;
                }
                testsOf.put(e, tests);
            }
            List<Path> testOutputs = new ArrayList<>();
            List<Exercise> running = new ArrayList<>();
            // Hidden test classes that do not compile against this submission, per exercise: they score 0 and
            // the exercise's other tests still run (their compiler messages name hidden files, so they are
            // kept out of what students see).
            Map<String, List<TestResult>> brokenHidden = new LinkedHashMap<>();
            // One javac call for all the module's graded tests is much cheaper than one per exercise (the
            // support classes are compiled once). Only when it fails are the exercises compiled one by one,
            // so that one exercise's compile error does not zero another.
            Compiler.Result together = testsOf.size() < 2 ? null : compiler.compile("tests-" + module,
                    work.resolve("layout").resolve(module).resolve("tests"),
                    testsOf.values().stream().flatMap(List::stream).toList(), supportSources, testClasspath,
                    name -> false, "");
            if (together != null) {
                timing.mark("compile the tests of " + module + (together.cached() ? " (cached)" : "")
                        + (together.ok() ? "" : ": failed"));
            }
            if (together != null && together.ok()) {
                testOutputs.add(together.classes());
                running.addAll(testsOf.keySet());
            } else {
                for (Map.Entry<Exercise, List<Compiler.Source>> entry : testsOf.entrySet()) {
                    Exercise e = entry.getKey();
                    Compiler.Result r = compiler.compile("test-" + module + "-" + e.id(),
                            work.resolve("layout").resolve(module).resolve("test-" + e.id()), entry.getValue(),
                            supportSources, testClasspath, name -> false, "");
                    timing.mark("compile the tests of " + e.id() + (r.cached() ? " (cached)" : "")
                            + (r.ok() ? "" : ": failed"));
                    if (!r.ok()) {
                        r = withoutBrokenHidden(module, e, entry.getValue(), r, supportSources, testClasspath,
                                brokenHidden);
                    }
                    if (!r.ok()) {
                        byId.put(e.id(), notCompiled(e, r.errors().stream().map(Compiler.Error::format).toList()));
                        continue;
                    }
                    testOutputs.add(r.classes());
                    running.add(e);
                }
            }
            if (running.isEmpty()) {
                return;
            }
            Map<String, String> exerciseOfClass = new LinkedHashMap<>();
            for (Exercise e : running) {
                e.tests().forEach(t -> exerciseOfClass.put(t, e.id()));
                Set<String> broken = new HashSet<>();
                brokenHidden.getOrDefault(e.id(), List.of()).forEach(t -> broken.add(t.testClass()));
                hidden.classesOf(e.id()).stream().filter(c -> !broken.contains(c))
                        .forEach(c -> exerciseOfClass.put(c, e.id()));
            }
            List<Path> runtime = new ArrayList<>(testOutputs);
            runtime.addAll(mainOutputs);
            runtime.addAll(resources);
            WarmFork mine = warm;
            warm = null;
            long testsStart = System.nanoTime();
            Path forks = work.resolve("forks").resolve(module);
            TestFork.Outcome outcome = new TestFork(options, forks, runtime, exerciseOfClass, module, mine, timing,
                    jail).run();
            timing.mark("run the tests of " + module);
            modulesTested++;
            cleanSpec = cleanSpec(forks, outcome, System.nanoTime() - testsStart);
            warnings.addAll(outcome.warnings());
            for (Exercise e : running) {
                List<TestResult> tests = new ArrayList<>(outcome.results().stream()
                        .filter(t -> t.exerciseId().equals(e.id())).toList());
                tests.addAll(brokenHidden.getOrDefault(e.id(), List.of()));
                byId.put(e.id(), scored(e, tests, outcome.stubFailures()));
            }
        }

        /**
         * A copy of the first fork's spec (in the work folder, which the next run keeps) when every test passed
         * or failed, none timed out, crashed or was left out, and they ran quickly: the next test JVM may then
         * run them once more as its warm-up. Else null.
         */
        private Path cleanSpec(Path forks, TestFork.Outcome outcome, long nanos) {
            boolean clean = nanos < WARM_UP_RERUN_NANOS && !outcome.results().isEmpty() && outcome.results().stream()
                    .allMatch(t -> t.status() == TestStatus.PASSED || t.status() == TestStatus.FAILED);
            Path spec = forks.resolve("spec-0.properties");
            if (!clean || !Files.isRegularFile(spec)) {
                return null;
            }
            try {
                return Files.copy(spec, work.resolve("warm-spec.properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                return null;
            }
        }

        /**
         * When an exercise's tests do not compile and it has hidden tests, compiles it again without the hidden
         * classes the errors point at (or without every hidden class), so that a hidden test written against
         * an API the student changed costs only its own points. Returns the result to use; the left-out hidden
         * classes go to {@code brokenHidden} as COMPILE_ERROR results.
         */
        private Compiler.Result withoutBrokenHidden(String module, Exercise e, List<Compiler.Source> sources,
                                                    Compiler.Result failed, List<Compiler.Source> supportSources,
                                                    List<Path> testClasspath,
                                                    Map<String, List<TestResult>> brokenHidden) {
            List<Compiler.Source> hiddenOfE = hidden.testsOf(e.id());
            if (hiddenOfE.isEmpty()) {
                return failed;
            }
            Set<String> hiddenRels = new HashSet<>();
            hiddenOfE.forEach(h -> hiddenRels.add(h.rel()));
            Set<String> blamed = new LinkedHashSet<>();
            for (Compiler.Error err : failed.errors()) {
                if (err.source() != null && hiddenRels.contains(err.source().rel())) {
                    blamed.add(err.source().rel());
                }
            }
            Compiler.Result retry = null;
            if (!blamed.isEmpty() && blamed.size() < hiddenRels.size()) {
                retry = compiler.compile("test-" + module + "-" + e.id(),
                        work.resolve("layout").resolve(module).resolve("test-" + e.id() + "-some-hidden"),
                        sources.stream().filter(src -> !blamed.contains(src.rel())).toList(), supportSources,
                        testClasspath, name -> false, "");
            }
            if (retry == null || !retry.ok()) {
                blamed.clear();
                blamed.addAll(hiddenRels);
                retry = compiler.compile("test-" + module + "-" + e.id(),
                        work.resolve("layout").resolve(module).resolve("test-" + e.id() + "-no-hidden"),
                        sources.stream().filter(src -> !hiddenRels.contains(src.rel())).toList(), supportSources,
                        testClasspath, name -> false, "");
            }
            timing.mark("compile the tests of " + e.id() + " without " + blamed.size() + " hidden class(es)"
                    + (retry.ok() ? "" : ": failed"));
            if (!retry.ok()) {
                return retry;
            }
            List<TestResult> broken = new ArrayList<>();
            for (Compiler.Source h : hiddenOfE) {
                if (!blamed.contains(h.rel())) {
                    continue;
                }
                String cls = h.rel().substring(0, h.rel().length() - ".java".length()).replace('/', '.');
                String own = String.join("\n", failed.errors().stream()
                        .filter(err -> err.source() != null && err.source().rel().equals(h.rel()))
                        .map(Compiler.Error::format).toList());
                broken.add(new TestResult(e.id(), cls, cls.substring(cls.lastIndexOf('.') + 1), "",
                        TestStatus.COMPILE_ERROR, own.isEmpty()
                                ? "the hidden test does not compile with the other tests of " + e.id() : own,
                        "", 0));
                warnings.add("exercise " + e.id() + ": the hidden test " + cls + " does not compile against this "
                        + "submission; it scored 0 and the exercise's other tests ran");
            }
            brokenHidden.put(e.id(), broken);
            return retry;
        }

        // ---- main sources -------------------------------------------------------------------------------

        private final class MainBuild {
            Path classes;
            final Set<String> reverted = new LinkedHashSet<>();
            final Map<String, List<String>> errors = new HashMap<>();
            List<String> allErrors = List.of();

            List<String> errorsOf(Exercise e) {
                return errors.getOrDefault(e.id(), allErrors);
            }
        }

        private MainBuild buildMain(String module, List<Exercise> exercises, List<Path> classpath) {
            MainBuild build = new MainBuild();
            Map<String, Exercise> owner = new LinkedHashMap<>();
            exercises.forEach(e -> e.files().forEach(f -> owner.put(f, e)));
            Map<String, NewFile> newFiles = submissionIsKit ? Map.of() : scanSubmission(module, exercises, owner);
            timing.mark("scan the submission's " + module);
            for (int round = 0; round <= exercises.size() + 1; round++) {
                List<Compiler.Source> sources = mainSources(module, owner, build.reverted, newFiles);
                Path layout = work.resolve("layout").resolve(module).resolve("main");
                Compiler.Result r = submissionIsKit
                        ? incremental.compile("main-" + module, layout, sources, List.copyOf(classpath),
                                this::forbiddenInMain, forbiddenKey)
                        : compiler.compile("main-" + module, layout, sources, List.of(), List.copyOf(classpath),
                                this::forbiddenInMain, forbiddenKey);
                boolean edited = submissionIsKit && incremental.lastIncremental();
                timing.mark("compile " + module + " round " + round
                        + (edited ? " (edited files only)" : r.cached() ? " (cached)" : ""));
                if (gate != null) {
                    r = gate.apply(r, sources);
                    timing.mark("allowlist check of " + module + (r.ok() ? "" : ": refused"));
                }
                if (r.ok()) {
                    for (String removed : r.removed()) {
                        warnings.add("ignored class " + removed + " compiled from the sources of " + module + ": "
                                + shadowReason(removed));
                        tampered.add(module + ": class " + removed);
                    }
                    build.classes = r.classes();
                    return build;
                }
                Set<String> blamed = new LinkedHashSet<>();
                for (Compiler.Error err : r.errors()) {
                    String id = err.source() == null ? null : err.source().exerciseId();
                    if (id != null && !build.reverted.contains(id) && origin(id) != Origin.STUB) {
                        blamed.add(id);
                    }
                }
                boolean collective = blamed.isEmpty();
                if (collective) {
                    exercises.stream().map(Exercise::id)
                            .filter(id -> !build.reverted.contains(id) && origin(id) != Origin.STUB)
                            .forEach(blamed::add);
                }
                List<String> all = r.errors().stream().map(Compiler.Error::format).toList();
                if (blamed.isEmpty()) {
                    build.allErrors = all;
                    if (!submissionIsKit) {
                        // A student's own check edits the stubs in place: there is no separate stub to fall
                        // back to, and the board already shows these errors with the exercise.
                        warnings.add(module + " does not compile even with the kit's stubs: " + String.join("; ", all));
                    }
                    return build;
                }
                for (String id : blamed) {
                    List<String> own = collective ? all : r.errors().stream()
                            .filter(err -> err.source() != null && id.equals(err.source().exerciseId()))
                            .map(Compiler.Error::format).toList();
                    build.errors.putIfAbsent(id, own);
                }
                build.reverted.addAll(blamed);
            }
            build.allErrors = List.of(module + " does not compile");
            return build;
        }

        private List<Compiler.Source> mainSources(String module, Map<String, Exercise> owner, Set<String> reverted,
                                                  Map<String, NewFile> newFiles) {
            Path kitMain = KitLayout.mainSources(kit, module);
            Map<String, Compiler.Source> sources = new LinkedHashMap<>();
            for (Path file : KitLayout.javaFiles(kitMain)) {
                String rel = Compiler.slash(kitMain.relativize(file));
                Exercise e = owner.get(rel);
                if (e == null) {
                    sources.put(rel, new Compiler.Source(rel, read(file), module + "/src/main/java/" + rel, null));
                }
            }
            for (Map.Entry<String, Exercise> entry : owner.entrySet()) {
                Exercise e = entry.getValue();
                Origin origin = reverted.contains(e.id()) ? Origin.STUB : origin(e.id());
                studentFile(module, entry.getKey(), e, origin).ifPresent(s -> sources.put(s.rel(), s));
            }
            for (NewFile f : newFiles.values()) {
                if (!reverted.contains(f.owner.id()) && origin(f.owner.id()) == Origin.SUBMISSION) {
                    sources.putIfAbsent(f.rel, new Compiler.Source(f.rel, f.content, module + "/src/main/java/" + f.rel,
                            f.owner.id()));
                }
            }
            return List.copyOf(sources.values());
        }

        private java.util.Optional<Compiler.Source> studentFile(String module, String rel, Exercise e, Origin origin) {
            Path stub = KitLayout.mainSources(kit, module).resolve(rel);
            String kitDisplay = module + "/src/main/java/" + rel;
            if (origin == Origin.SOLUTION) {
                Path solution = KitLayout.solutionSources(kit, module).resolve(rel);
                if (Files.isRegularFile(solution)) {
                    return java.util.Optional.of(new Compiler.Source(rel, read(solution),
                            "solutions/" + module + "/src/main/java/" + rel, e.id()));
                }
                warnings.add("exercise " + e.id() + ": the solution solutions/" + kitDisplay
                        + " is missing from the kit; the stub was used");
            } else if (origin == Origin.SUBMISSION && !submissionIsKit) {
                Path file = KitLayout.mainSources(submission, module).resolve(rel);
                if (Files.isSymbolicLink(file)) {
                    warnings.add("ignored " + kitDisplay + ": symbolic links are not followed; the stub was used");
                } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    warnings.add("exercise " + e.id() + ": " + kitDisplay
                            + " is missing from the submission; the stub was used");
                } else if (size(file) > MAX_SOURCE_BYTES) {
                    warnings.add("ignored " + kitDisplay + ": larger than 2 MB; the stub was used");
                } else {
                    try {
                        return java.util.Optional.of(new Compiler.Source(rel, Files.readAllBytes(file), kitDisplay,
                                e.id()));
                    } catch (IOException ex) {
                        warnings.add("ignored " + kitDisplay + ": it cannot be read (" + ex.getMessage()
                                + "); the stub was used");
                    }
                }
            }
            if (Files.isRegularFile(stub)) {
                return java.util.Optional.of(new Compiler.Source(rel, read(stub), kitDisplay, e.id()));
            }
            return java.util.Optional.empty();
        }

        private record NewFile(String rel, byte[] content, Exercise owner) {
        }

        /**
         * Looks through the submission's copy of one module: warns about edited copies of kit files (which
         * are ignored) and picks the new files that may join the build.
         */
        private Map<String, NewFile> scanSubmission(String module, List<Exercise> exercises,
                                                    Map<String, Exercise> owner) {
            Map<String, NewFile> accepted = new LinkedHashMap<>();
            Path subMain = KitLayout.mainSources(submission, module);
            Path kitMain = KitLayout.mainSources(kit, module);
            Map<String, Exercise> dirOwner = new LinkedHashMap<>();
            for (Exercise e : exercises) {
                if (origin(e.id()) == Origin.SUBMISSION) {
                    for (String f : e.files()) {
                        dirOwner.putIfAbsent(parent(f), e);
                    }
                }
            }
            for (Path file : KitLayout.javaFiles(subMain)) {
                String rel = Compiler.slash(subMain.relativize(file));
                String display = module + "/src/main/java/" + rel;
                if (owner.containsKey(rel)) {
                    continue;
                }
                Path kitFile = kitMain.resolve(rel);
                if (Files.isRegularFile(kitFile)) {
                    if (!Arrays.equals(read(kitFile), readOrEmpty(file))) {
                        warnings.add("ignored " + display + ": provided code always comes from the kit");
                        tampered.add(display);
                    }
                    continue;
                }
                String why = refuseNewFile(file, rel, dirOwner);
                if (why != null) {
                    warnings.add("ignored " + display + ": " + why);
                    if (why.startsWith("it would ") || why.startsWith("package ")) {
                        tampered.add(display);
                    }
                } else {
                    accepted.put(rel, new NewFile(rel, readOrEmpty(file), dirOwner.get(parent(rel))));
                }
            }
            Path subTest = KitLayout.testSources(submission, module);
            Path kitTest = KitLayout.testSources(kit, module);
            for (Path file : KitLayout.javaFiles(subTest)) {
                String rel = Compiler.slash(subTest.relativize(file));
                String display = module + "/src/test/java/" + rel;
                Path kitFile = kitTest.resolve(rel);
                if (!Files.isRegularFile(kitFile)) {
                    warnings.add("ignored " + display + ": only the kit's own tests are run");
                } else if (!Arrays.equals(read(kitFile), readOrEmpty(file))) {
                    warnings.add("ignored " + display + ": it differs from the kit's; graded tests always come "
                            + "from the pristine kit");
                    tampered.add(display);
                }
            }
            return accepted;
        }

        private String refuseNewFile(Path file, String rel, Map<String, Exercise> dirOwner) {
            if (Files.isSymbolicLink(file)) {
                return "symbolic links are not followed";
            }
            String dir = parent(rel);
            String pathName = rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
            List<String> names = new ArrayList<>();
            names.add(pathName);
            String reserved = reservedReason(pathName);
            if (reserved != null) {
                return reserved;
            }
            if (kitTestClasses.contains(pathName) || kitMainClasses.contains(pathName)) {
                return shadowReason(pathName);
            }
            if (!dirOwner.containsKey(dir)) {
                return "new files are only taken from the folders of your exercise files ("
                        + String.join(", ", dirOwner.keySet().stream().map(d -> d.isEmpty() ? "." : d).toList()) + ")";
            }
            if (size(file) > MAX_SOURCE_BYTES) {
                return "larger than 2 MB";
            }
            SourceFacts facts = SourceFacts.of(new String(readOrEmpty(file), StandardCharsets.UTF_8));
            String pkg = dir.replace('/', '.');
            if (!facts.packageName().equals(pkg)) {
                return "it declares package '" + facts.packageName() + "' but lies in the folder of package " + pkg;
            }
            for (String name : facts.qualifiedTypes()) {
                if (kitTestClasses.contains(name) || kitMainClasses.contains(name)) {
                    return shadowReason(name);
                }
            }
            return null;
        }

        private boolean forbiddenInMain(String className) {
            return kitTestClasses.contains(className) || reservedReason(className) != null;
        }

        private String shadowReason(String name) {
            if (gradedTests.contains(name)) {
                return "it would shadow the graded test " + name;
            }
            if (kitTestClasses.contains(name)) {
                return "it would shadow the kit's test class " + name;
            }
            String reserved = reservedReason(name);
            if (reserved != null) {
                return reserved;
            }
            return "it would replace the kit's class " + name;
        }

        private String reservedReason(String className) {
            for (String p : RESERVED_PACKAGES) {
                if (className.startsWith(p + ".")) {
                    return "package " + p + " is reserved for the kit";
                }
            }
            return null;
        }

        // ---- tests, support, scoring --------------------------------------------------------------------

        private void addSupport(List<Compiler.Source> support, String module) {
            Path root = KitLayout.testSources(kit, module);
            for (Path file : KitLayout.javaFiles(root)) {
                String name = KitLayout.className(root, file);
                if (gradedTests.contains(name)) {
                    continue;
                }
                byte[] content = read(file);
                if (!KitLayout.hasTests(new String(content, StandardCharsets.UTF_8))) {
                    String rel = Compiler.slash(root.relativize(file));
                    support.add(new Compiler.Source(rel, content, module + "/src/test/java/" + rel, null));
                }
            }
        }

        private void addResources(List<Path> resources, String module) {
            for (String dir : List.of("src/test/resources", "src/main/resources")) {
                Path p = kit.resolve(module).resolve(dir);
                if (Files.isDirectory(p)) {
                    resources.add(p);
                }
            }
        }

        private List<Compiler.Source> dedupe(List<Compiler.Source> sources) {
            Map<String, Compiler.Source> byRel = new LinkedHashMap<>();
            sources.forEach(s -> byRel.putIfAbsent(s.rel(), s));
            return List.copyOf(byRel.values());
        }

        private ExerciseResult notCompiled(Exercise e, List<String> messages) {
            String first = messages.isEmpty() ? "does not compile" : messages.get(0);
            List<String> classes = new ArrayList<>(e.tests());
            classes.addAll(hidden.classesOf(e.id()));
            List<TestResult> tests = classes.stream()
                    .map(c -> new TestResult(e.id(), c, c.substring(c.lastIndexOf('.') + 1), "",
                            TestStatus.COMPILE_ERROR, messages.stream()
                                    .filter(m -> m.contains("/" + KitLayout.sourcePath(c) + ":"))
                                    .findFirst().orElse(first), "", 0))
                    .toList();
            Scoring.Scored s = Scoring.score(e, tests, hidden.classesOf(e.id()), hidden.weightedOf(e.id()));
            return new ExerciseResult(e, ExerciseStatus.DOES_NOT_COMPILE, s.tests(), 0, messages,
                    Points.points(s.max()));
        }

        private ExerciseResult scored(Exercise e, List<TestResult> results, Set<String> stubFailures) {
            Scoring.Scored s = Scoring.score(e, results, hidden.classesOf(e.id()), hidden.weightedOf(e.id()));
            List<TestResult> tests = s.tests();
            long passed = tests.stream().filter(TestResult::passed).count();
            ExerciseStatus status;
            if (!tests.isEmpty() && passed == tests.size()) {
                status = ExerciseStatus.DONE;
            } else if (passed == 0 && !tests.isEmpty() && tests.stream().allMatch(
                    t -> t.status() == TestStatus.FAILED && stubFailures.contains(t.uniqueId()))) {
                status = ExerciseStatus.NOT_STARTED;
            } else {
                status = ExerciseStatus.IN_PROGRESS;
            }
            return new ExerciseResult(e, status, tests, Points.points(s.score()), List.of(), Points.points(s.max()));
        }

        private Origin origin(String exerciseId) {
            return request.origins().getOrDefault(exerciseId, Origin.SUBMISSION);
        }
    }

    private static String parent(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("Folder does not exist: " + p, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static byte[] readOrEmpty(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
