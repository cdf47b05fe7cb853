package k8snet.grader.selfcheck;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/**
 * The kit's self-check, for maintainers: the manifest matches the code, every graded test fails on the
 * stubs (and the stubs compile), every solution file has its stub and both declare the same public API.
 * The reference build and the graded tests ran in Maven before this, and so did the grader's own tests; after
 * them, the reference traces the tests recorded are the committed ones ({@link ReferenceTracesCheck}).
 *
 * <p>It prints one line per check (PASS/FAIL, counts, and what is wrong by name), then a total line;
 * {@link #run} returns the exit code: 0 when every check passed.
 *
 * <pre>{@code
 * ./mvnw -Pselfcheck verify     # the whole self-check, as CI runs it
 * ./course selfcheck            # only these checks, against the current sources
 * }</pre>
 */
public final class SelfCheck {

    /** A failed check prints at most this many of its problems, then how many more there are. */
    static final int MAX_DETAILS = 25;

    /** The outcome of one check. */
    public record Check(String name, boolean passed, String summary, List<String> problems) {
        public Check {
            problems = List.copyOf(problems);
        }
    }

    private final Path kitRoot;
    private final Manifest manifest;
    private final Supplier<Engine> engine;
    private final boolean graderTestsRan;

    /**
     * @param kitRoot the kit, with its stubs, solutions/ and graded tests
     * @param manifest its course manifest
     * @param engine the grading engine, for the stub runs
     * @param graderTestsRan whether the grader's own tests ran (in Maven) before this check
     */
    public SelfCheck(Path kitRoot, Manifest manifest, Supplier<Engine> engine, boolean graderTestsRan) {
        this.kitRoot = Objects.requireNonNull(kitRoot, "kitRoot").toAbsolutePath().normalize();
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.graderTestsRan = graderTestsRan;
    }

    /** Runs every check, printing each line as it finishes; returns 0 when all passed, 1 otherwise. */
    public int run(PrintWriter out) {
        long start = System.nanoTime();
        out.println("Kit self-check: " + kitRoot);
        out.flush();
        List<Check> checks = new ArrayList<>();
        Map<String, Supplier<Check>> all = new LinkedHashMap<>();
        all.put("manifest", this::manifestMatches);
        all.put("stubs fail", this::stubsFail);
        all.put("file pairs", this::filePairs);
        all.put("same API", this::sameApi);
        for (Map.Entry<String, Supplier<Check>> check : all.entrySet()) {
            Check c = guarded(check.getKey(), check.getValue());
            print(out, c);
            checks.add(c);
        }
        if (graderTestsRan) {
            Check traces = guarded("traces", () -> new ReferenceTracesCheck(kitRoot, manifest).run());
            print(out, traces);
            checks.add(traces);
        } else {
            out.printf(Locale.ROOT, "%-5s %-13s %s%n", "SKIP", "traces",
                    "not run here: ./mvnw -Pselfcheck verify records the reference traces before this check");
        }
        if (graderTestsRan) {
            Check c = new Check("grader tests", true, "the grader's own tests ran and passed in Maven before this step",
                    List.of());
            print(out, c);
            checks.add(c);
        } else {
            out.printf(Locale.ROOT, "%-5s %-13s %s%n", "SKIP", "grader tests",
                    "not run here: ./mvnw -Pselfcheck verify runs them before this check");
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        out.printf(Locale.ROOT, "%-5s %d passed, %d failed (%.1f s)%n", "TOTAL", checks.size() - failed, failed,
                (System.nanoTime() - start) / 1e9);
        out.println(failed == 0 ? "The kit is consistent." : "The kit has problems: see the FAIL lines above.");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** (a) The manifest is valid and matches the code (files, test classes and modules exist). */
    Check manifestMatches() {
        List<String> problems = manifest.verifyAgainst(kitRoot);
        int files = manifest.exercises().stream().mapToInt(e -> e.files().size()).sum();
        String counts = manifest.modules().size() + " modules, " + manifest.exercises().size() + " exercises, "
                + files + " student files";
        return problems.isEmpty()
                ? new Check("manifest", true, counts + "; course.yaml matches the code", problems)
                : new Check("manifest", false, problems.size() + " problem(s) in course.yaml", problems);
    }

    /**
     * (b) For every exercise, with its own files as the stubs and every other exercise's as the solution:
     * the stubs compile and every one of its graded tests fails (a test that passes on a stub gives free points).
     */
    Check stubsFail() {
        Engine e = engine.get();
        List<String> problems = new ArrayList<>();
        int tests = 0;
        for (Exercise x : manifest.exercises()) {
            Map<String, Origin> origins = new LinkedHashMap<>();
            manifest.exercises().forEach(o -> origins.put(o.id(),
                    o.id().equals(x.id()) ? Origin.STUB : Origin.SOLUTION));
            RunRequest request = new RunRequest(kitRoot, kitRoot, List.of(x.id()), origins, Optional.empty(),
                    kitRoot.resolve(".course").resolve("work").resolve("selfcheck"));
            GradeReport report = e.run(request);
            Optional<ExerciseResult> result = report.exercises().stream()
                    .filter(r -> r.exercise().id().equals(x.id())).findFirst();
            if (result.isEmpty() || result.get().tests().isEmpty()
                    && result.get().status() != ExerciseStatus.DOES_NOT_COMPILE) {
                problems.add(x.id() + ": no graded test ran on the stub");
                continue;
            }
            ExerciseResult r = result.get();
            if (r.status() == ExerciseStatus.DOES_NOT_COMPILE
                    || r.tests().stream().anyMatch(t -> t.status() == TestStatus.COMPILE_ERROR)) {
                problems.add(x.id() + ": the stub does not compile"
                        + r.compilerMessages().stream().findFirst().map(m -> ": " + m).orElse(""));
                continue;
            }
            tests += r.tests().size();
            for (TestResult t : r.tests()) {
                if (t.status() == TestStatus.PASSED) {
                    problems.add(x.id() + " " + t.name() + " passes with the stub: free points");
                }
            }
        }
        int n = manifest.exercises().size();
        return problems.isEmpty()
                ? new Check("stubs fail", true, n + " exercises, " + tests
                        + " graded tests: the stubs compile and every test fails on them", problems)
                : new Check("stubs fail", false, problems.size() + " problem(s) in " + n + " exercises ("
                        + tests + " tests ran)", problems);
    }

    /** (c) Every solution file has a stub at the same path and every student file listed has both versions. */
    Check filePairs() {
        List<String> problems = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (Exercise x : manifest.exercises()) {
            for (String file : x.files()) {
                listed.add(x.module() + "/" + file);
                if (!Files.isRegularFile(stub(x.module(), file))) {
                    problems.add(x.id() + ": no stub " + kitRoot.relativize(stub(x.module(), file)));
                }
                if (!Files.isRegularFile(solution(x.module(), file))) {
                    problems.add(x.id() + ": no solution " + kitRoot.relativize(solution(x.module(), file)));
                }
            }
        }
        Set<String> knownModules = new LinkedHashSet<>();
        manifest.modules().forEach(m -> knownModules.add(m.id()));
        Map<String, List<String>> scanned = scanSolutions();
        int solutionFiles = 0;
        for (Map.Entry<String, List<String>> module : scanned.entrySet()) {
            if (!knownModules.contains(module.getKey())) {
                problems.add("solutions/" + module.getKey() + " is not a module of course.yaml");
                continue;
            }
            for (String file : module.getValue()) {
                solutionFiles++;
                if (!Files.isRegularFile(stub(module.getKey(), file))) {
                    problems.add("solutions/" + module.getKey() + "/src/main/java/" + file + " has no stub at "
                            + module.getKey() + "/src/main/java/" + file);
                }
                if (!listed.contains(module.getKey() + "/" + file)) {
                    problems.add("solutions/" + module.getKey() + "/src/main/java/" + file
                            + " is not a file of any exercise in course.yaml");
                }
            }
        }
        return problems.isEmpty()
                ? new Check("file pairs", true, solutionFiles + " solution files, each with its stub at the same path",
                        problems)
                : new Check("file pairs", false, problems.size() + " problem(s)", problems);
    }

    /** (c) A stub and its solution declare the same public API (types, members, signatures). */
    Check sameApi() {
        List<String> problems = new ArrayList<>();
        int compared = 0;
        List<Path> earlierStubs = new ArrayList<>();
        for (CourseModule module : manifest.modules()) {
            Path stubRoot = kitRoot.resolve(module.id()).resolve("src/main/java");
            Path solutionRoot = kitRoot.resolve("solutions").resolve(module.id()).resolve("src/main/java");
            Map<String, Path> stubs = new LinkedHashMap<>();
            Map<String, Path> solutions = new LinkedHashMap<>();
            for (Exercise x : manifest.exercisesOf(module.id())) {
                for (String file : x.files()) {
                    if (Files.isRegularFile(stub(module.id(), file))
                            && Files.isRegularFile(solution(module.id(), file))) {
                        stubs.put(file, stub(module.id(), file));
                        solutions.put(file, solution(module.id(), file));
                    }
                }
            }
            if (!stubs.isEmpty()) {
                List<Path> stubPath = new ArrayList<>(List.of(stubRoot));
                stubPath.addAll(earlierStubs);
                List<Path> solutionPath = new ArrayList<>(List.of(solutionRoot, stubRoot));
                solutionPath.addAll(earlierStubs);
                ApiReader.Result stubApi = ApiReader.read(stubs, stubPath);
                ApiReader.Result solutionApi = ApiReader.read(solutions, solutionPath);
                stubApi.errors().forEach(err -> problems.add(module.id() + " stubs do not compile: " + err));
                solutionApi.errors().forEach(err -> problems.add(module.id() + " solutions do not compile: " + err));
                for (String file : stubs.keySet()) {
                    Api s = solutionApi.apis().get(file);
                    Api t = stubApi.apis().get(file);
                    if (s != null && t != null) {
                        compared++;
                        Api.differences(s, t).forEach(d -> problems.add(file + ": " + d));
                    }
                }
            }
            earlierStubs.add(0, stubRoot);
        }
        return problems.isEmpty()
                ? new Check("same API", true, compared + " files: stub and solution declare the same public API",
                        problems)
                : new Check("same API", false, problems.size() + " difference(s) in " + compared + " files", problems);
    }

    /** Module directory name to the Java files under solutions/<module>/src/main/java, relative to it. */
    private Map<String, List<String>> scanSolutions() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Path solutions = kitRoot.resolve("solutions");
        if (!Files.isDirectory(solutions)) {
            return out;
        }
        try (Stream<Path> modules = Files.list(solutions)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path root = module.resolve("src/main/java");
                List<String> files = new ArrayList<>();
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java"))
                                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                                .sorted().forEach(files::add);
                    }
                }
                out.put(module.getFileName().toString(), files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + solutions + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Path stub(String module, String file) {
        return kitRoot.resolve(module).resolve("src/main/java").resolve(file);
    }

    private Path solution(String module, String file) {
        return kitRoot.resolve("solutions").resolve(module).resolve("src/main/java").resolve(file);
    }

    /** A check that throws fails with the exception as its problem, and the others still run. */
    private static Check guarded(String name, Supplier<Check> check) {
        try {
            return check.get();
        } catch (RuntimeException | LinkageError e) {
            return new Check(name, false, "could not run",
                    List.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static void print(PrintWriter out, Check c) {
        out.printf(Locale.ROOT, "%-5s %-13s %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.summary());
        int shown = Math.min(c.problems().size(), MAX_DETAILS);
        for (int i = 0; i < shown; i++) {
            out.println("        " + c.problems().get(i));
        }
        if (c.problems().size() > shown) {
            out.println("        ... and " + (c.problems().size() - shown) + " more");
        }
        out.flush();
    }

    /**
     * Runs the self-check as {@code course selfcheck} does; Maven's {@code selfcheck} profile calls this with
     * {@code --after-maven} once the grader's own tests passed.
     */
    public static void main(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "selfcheck";
        System.arraycopy(args, 0, all, 1, args.length);
        k8snet.grader.cli.Course.main(all);
    }
}
