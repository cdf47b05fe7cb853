package k8snet.grader.engine;

import java.io.IOException;
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

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * One grading run of the {@link ForkingEngine}: loads the manifest and the kit's classes, admits and lays out
 * the submission's sources, and for each module in manifest order builds, tests and scores its exercises. Made
 * for one {@link RunRequest} and dropped afterwards; what lives across runs (the compile cache's index, the
 * allowlist gate, the warm test JVMs) the engine passes in.
 */
final class EngineRun {

    /**
     * Tests that took longer than this, by their own clocks summed, are not run again as the next test JVM's
     * warm-up. Their own time, not the fork's: a loaded machine slows the JVM's start far more than quick tests.
     */
    private static final double WARM_UP_RERUN_SECONDS = 5;

    private final EngineOptions options;
    private final CacheIndex cacheIndex;
    /** Folder digests: remembered between runs for a student's own check, else taken in full. */
    private final DigestMemo digests;
    private final AllowlistGate gate;
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
    /** The engine's options, or for a student's own check {@link EngineOptions#forOwnCheck()}. */
    private final EngineOptions runOptions;
    private final TestProgress progress;
    private final ForkJail jail;

    /** How many modules' tests ran, and the warm-up file of the last of them if it ended cleanly. */
    int modulesTested;
    Path cleanSpec;

    /** The warm test JVM until a module's tests take it (then null). */
    WarmFork warm;

    /** @param gate the allowlist check of compiled student classes, or null when it is off */
    EngineRun(EngineOptions options, CacheIndex cacheIndex, DigestMemo ownDigests, AllowlistGate gate,
              RunRequest request, WarmFork warm, long startNanos, Timing timing, TestProgress progress, ForkJail jail) {
        this.options = options;
        this.cacheIndex = cacheIndex;
        this.gate = gate;
        this.jail = jail;
        this.startNanos = startNanos;
        this.timing = timing;
        this.progress = progress;
        this.request = request;
        this.warm = warm;
        this.kit = real(request.kitRoot());
        Path submission = real(request.submission());
        boolean submissionIsKit = kit.equals(submission);
        // A student's own check: the student's files, in the kit itself (not grade --reference, not the
        // self-check's runs of stubs and solutions, which keep the grading timeout).
        boolean studentsOwn = submissionIsKit && !request.exerciseIds().isEmpty() && request.exerciseIds().stream()
                .allMatch(id -> request.origins().get(id) == Origin.SUBMISSION);
        this.runOptions = studentsOwn ? options.forOwnCheck() : options;
        this.work = request.workDir().toAbsolutePath().normalize();
        this.manifest = Manifest.load(kit);
        for (String id : request.exerciseIds()) {
            if (manifest.exercise(id).isEmpty()) {
                throw new IllegalArgumentException("Unknown exercise '" + id + "' (the manifest has "
                        + manifest.exercises().stream().map(Exercise::id).toList() + ")");
            }
        }
        Path cache = options.cacheDir().orElse(work.resolve("cache")).toAbsolutePath();
        this.digests = studentsOwn ? ownDigests : DigestMemo.OFF;
        Compiler compiler = new Compiler(cache, cacheIndex, digests);
        this.kitClasses = KitClasses.of(kit, manifest);
        this.hidden = request.hiddenTests()
                .map(h -> HiddenTests.load(real(h), manifest, kitClasses.all(), warnings))
                .orElse(HiddenTests.none());
        this.verdicts = new Verdicts(hidden);
        SubmissionAdmission admission = new SubmissionAdmission(kit, submission, kitClasses, warnings, tampered);
        ModuleSources layering = new ModuleSources(kit, submissionIsKit, admission, this::origin, warnings,
                submissionIsKit ? request.ownStubs() : Optional.empty());
        Path layout = work.resolve("layout");
        this.mainBuilder = new MainBuilder(compiler, new IncrementalCompile(compiler, cache), gate, layering,
                admission, kitClasses, this::origin, submissionIsKit, layout, timing, warnings, tampered,
                studentsOwn ? cache.resolve("allowlist-passes") : null);
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
        ResultLedger.Outcome outcome = new ForkSupervisor(runOptions, work.resolve("forks").resolve(module), runtime,
                exerciseOfClass, built.running().stream().map(Exercise::id).toList(), module, mine, jail, timing,
                progress, built.running().stream().anyMatch(e -> !hidden.classesOf(e.id()).isEmpty())).run();
        timing.mark("run the tests of " + module);
        modulesTested++;
        cleanSpec = cleanSpec(runtime, exerciseOfClass.keySet(), outcome);
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
    private Path cleanSpec(List<ClassFolder> runtime, Set<String> testClasses, ResultLedger.Outcome outcome) {
        boolean clean = outcome.results().stream().mapToDouble(TestResult::seconds).sum() < WARM_UP_RERUN_SECONDS
                && !outcome.results().isEmpty() && outcome.results().stream()
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
        p.setProperty(k8snet.grader.runner.Protocol.WARM_UP_TIMEOUT, runOptions.testTimeout().toMillis() + " ms");
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
                resources.add(new ClassFolder(p, digests.of(p)));
            }
        }
    }

    private Origin origin(String exerciseId) {
        return request.origins().getOrDefault(exerciseId, Origin.SUBMISSION);
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
