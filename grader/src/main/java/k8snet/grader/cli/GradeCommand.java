package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import k8snet.grader.board.Board;
import k8snet.grader.board.Progress;
import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ForkingEngine;
import k8snet.grader.engine.HiddenTestsFile;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.TestResult;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.KitDigests;
import k8snet.grader.report.GradedSubmission;
import k8snet.grader.report.PlainText;
import k8snet.grader.report.ReportOptions;
import k8snet.grader.report.ReportWriter;
import k8snet.grader.report.SummaryCsv;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course grade}: the instructor's grading of one submission, of the reference solutions, or of a
 * folder of submissions, with the kit's own pristine tests (a submission's copies of the tests are never
 * used). Reports go to {@code --out}; nothing is ever written inside a submission. Before anything runs,
 * {@link PristineGuard} decides whether the kit's tests may grade (a kit grading itself must prove them with its
 * digest list) or a {@code --pristine} copy's must.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        header = "Grades submissions: results.json, report.json, report.md, junit.xml.",
        description = "Grades submissions with the kit's own tests and writes results.json "
                + "(Gradescope), report.json, report.md and junit.xml. Nothing is written inside a submission "
                + "folder.",
        footer = {"", "Examples:",
                "  course grade --submission ~/alice --out grades/alice",
                "  course grade --submissions ~/class --out grades --isolated",
                "  course grade --reference --out grades/reference --hidden-tests hidden-tests",
                "  course grade --submission . --out ../grades --pristine ~/course   (a student's own kit folder)",
                "",
                "With --reference the exit code is 1 when any test, hidden or graded, fails on the reference "
                        + "solutions; each is named. The exit code is 1 too, naming the files, when grading is "
                        + "refused because the kit's own tests cannot be trusted (see --pristine)."})
final class GradeCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    static final class What {
        @Option(names = "--submission", paramLabel = "DIR", required = true,
                description = "One submission: a folder laid out like the kit.")
        Path submission;

        @Option(names = "--submissions", paramLabel = "DIR", required = true,
                description = "A folder of submissions: every sub-folder is one; reports go to OUT/<name>/.")
        Path submissions;

        @Option(names = "--reference", required = true, description = "The kit's reference solutions.")
        boolean reference;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    @Option(names = "--out", paramLabel = "OUT", required = true, description = "Where the reports go.")
    Path out;

    @Option(names = "--hidden-tests", paramLabel = "DIR",
            description = "Extra test classes (laid out by package) whose points count too; DIR/hidden-tests.yaml "
                    + "gives each its exercise and points, and when students see them (visibility).")
    Path hiddenTests;

    @Option(names = "--per-test",
            description = "One results.json row per test (default: one row per exercise, its failing tests "
                    + "listed in the row's output).")
    boolean perTest;

    @Option(names = "--isolated",
            description = "Grade module N with the reference solutions of the modules before it.")
    boolean isolated;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Grade N submissions of a batch at once (default: the number of processors); each "
                    + "forks its own test JVM. Reports and the console lines keep the submissions' name order.")
    Integer jobs;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Scratch space for builds (default: <kit>/.course/work/grade).")
    Path work;

    @Option(names = "--pristine", paramLabel = "DIR",
            description = "A pristine copy of the course (a clone at the commit this kit came from, or an unpacked "
                    + "bundle) whose tests, provided code and course.yaml grade instead of this kit's. Needed when "
                    + "the submission is this kit itself without a digest list, or this kit's files differ from "
                    + "its " + KitDigests.FILE_NAME + ".")
    Path pristine;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Manifest kitManifest = Manifests.load(env);
        Optional<Path> self = Optional.empty();
        if (what.submission != null) {
            requireDirectory(absolute(what.submission), "--submission");
            self = Optional.of(Grading.kitShaped(absolute(what.submission), kitManifest));
        }
        Optional<Path> pristineKit = Optional.ofNullable(pristine).map(GradeCommand::absolute);
        pristineKit.ifPresent(p -> requireDirectory(p, "--pristine"));
        PristineGuard.Decision trust = PristineGuard.decide(env, kitManifest, self, pristineKit);
        trust.notes().forEach(env.out()::println);
        Path kit = trust.kit();
        Manifest manifest = trust.manifest();
        Path outDir = absolute(out);
        Path workDir = work == null ? kit.resolve(".course/work/grade") : absolute(work);
        Optional<Path> hidden = Optional.ofNullable(hiddenTests).map(GradeCommand::absolute);
        hidden.ifPresent(h -> requireDirectory(h, "--hidden-tests"));
        HiddenTestsFile hiddenFile;
        try {
            hiddenFile = hidden.map(h -> HiddenTestsFile.read(h, manifest)).orElse(HiddenTestsFile.none());
        } catch (IllegalArgumentException e) {
            throw new CourseException(Course.USAGE, "--hidden-tests: " + e.getMessage());
        }
        ReportOptions options = new ReportOptions(perTest, hiddenFile.visibility());
        Engine engine = env.engine().get();
        if (engine instanceof ForkingEngine forking && forking.options().cacheDir().isEmpty()) {
            // One compile cache for every submission: the kit's code, and submissions that are alike
            // (untouched stubs, a re-run), are then compiled once. Entries are keyed by content.
            engine = new ForkingEngine(forking.options().withCacheDir(workDir.resolve(".cache")));
        }
        Grading grading = new Grading(kit, manifest, engine, hidden, isolated, workDir);

        if (what.reference) {
            GradedSubmission graded = grading.grade("reference", kit, Origin.SOLUTION);
            int code = single(env, graded, outDir, options);
            return Math.max(code, referenceCheck(env, graded));
        }
        if (what.submission != null) {
            Path submission = absolute(what.submission);
            requireOutside(outDir, submission, "--out");
            if (!PristineGuard.sameFolder(self.orElseThrow(), kit)) {
                // A trusted kit grading itself keeps its scratch space in its own .course/, as check does.
                requireOutside(workDir, submission, "--work");
            }
            GradedSubmission graded = grading.grade(submission.getFileName().toString(),
                    Grading.kitShaped(submission, manifest), Origin.SUBMISSION);
            return single(env, graded, outDir, options);
        }
        if (jobs != null && jobs < 1) {
            throw new CourseException(Course.USAGE, "--jobs must be at least 1, not " + jobs);
        }
        Path folder = absolute(what.submissions);
        requireDirectory(folder, "--submissions");
        requireOutside(outDir, folder, "--out");
        requireOutside(workDir, folder, "--work");
        return batch(env, manifest, grading, folder, outDir, options);
    }

    /**
     * The reference solutions must earn every point: names each test that fails on them, hidden ones first
     * (a wrong hidden test would cost every student its points), and each warning about the hidden tests.
     * Returns 1 when anything is wrong.
     */
    private int referenceCheck(CourseEnv env, GradedSubmission graded) {
        List<TestResult> failing = new ArrayList<>();
        graded.report().exercises().forEach(r -> r.tests().stream().filter(t -> !t.passed()).forEach(failing::add));
        List<TestResult> ordered = new ArrayList<>(failing.stream().filter(TestResult::hidden).toList());
        ordered.addAll(failing.stream().filter(t -> !t.hidden()).toList());
        List<String> hiddenWarnings = hiddenTests == null ? List.of() : graded.report().warnings().stream()
                .filter(w -> w.contains("hidden test")).toList();
        for (TestResult t : ordered) {
            String message = t.message().strip().lines().findFirst().orElse("");
            env.out().println("  FAILS ON THE REFERENCE: " + (t.hidden() ? "hidden test " : "graded test ")
                    + t.exerciseId() + " " + t.testClass() + ": " + t.name() + " (" + t.status().name().toLowerCase(
                    java.util.Locale.ROOT).replace('_', ' ') + (message.isEmpty() ? "" : ": " + message) + ")");
        }
        hiddenWarnings.forEach(w -> env.out().println("  HIDDEN TESTS: " + w));
        long hiddenFailing = ordered.stream().filter(TestResult::hidden).count();
        if (!ordered.isEmpty() || !hiddenWarnings.isEmpty()) {
            env.out().println("The reference solutions must pass every test: " + hiddenFailing + " hidden and "
                    + (ordered.size() - hiddenFailing) + " graded test(s) fail on them"
                    + (hiddenWarnings.isEmpty() ? "" : ", and " + hiddenWarnings.size() + " hidden test warning(s)")
                    + "; fix them before grading students.");
        }
        env.out().flush();
        return ordered.isEmpty() && hiddenWarnings.isEmpty() ? 0 : 1;
    }

    private static int single(CourseEnv env, GradedSubmission graded, Path outDir, ReportOptions options) {
        ReportWriter.writeAll(graded, outDir, options);
        env.out().println(PlainText.visible(graded.name()) + ": " + Board.number(graded.report().score()) + "/"
                + Board.number(graded.report().maxScore()) + " points");
        graded.error().ifPresent(e -> env.out().println("  the grader failed on this submission: " + e));
        env.out().println("Reports: " + outDir.resolve("results.json") + ", report.json, report.md, junit.xml");
        env.out().flush();
        return graded.error().isPresent() ? 1 : 0;
    }

    private int batch(CourseEnv env, Manifest manifest, Grading grading, Path folder, Path outDir,
                      ReportOptions options) {
        List<Path> submissions;
        try (Stream<Path> children = Files.list(folder)) {
            submissions = children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (submissions.isEmpty()) {
            throw new CourseException(Course.USAGE, "no submission folders in " + folder);
        }
        long start = System.nanoTime();
        Progress progress = new Progress(env.out(), env.terminal(), submissions.size());
        int threads = Math.min(jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), submissions.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<Future<GradedSubmission>> futures = new ArrayList<>();
        // Finished submissions are reported in name order, whatever order the jobs end in, so the console
        // shows the same lines on every run.
        String[] lines = new String[submissions.size()];
        int[] reported = {0};
        try {
            for (int i = 0; i < submissions.size(); i++) {
                Path submission = submissions.get(i);
                int index = i;
                futures.add(pool.submit(() -> {
                    String name = submission.getFileName().toString();
                    synchronized (progress) {
                        progress.starting(reported[0] + 1, PlainText.visible(name));
                    }
                    GradedSubmission g = grading.grade(name, Grading.kitShaped(submission, manifest),
                            Origin.SUBMISSION);
                    try {
                        ReportWriter.writeAll(g, outDir.resolve(name), options);
                    } finally {
                        synchronized (progress) {
                            lines[index] = Board.number(g.report().score()) + "/" + Board.number(g.report().maxScore())
                                    + g.error().map(e -> " (grader error: " + e + ")").orElse("");
                            while (reported[0] < lines.length && lines[reported[0]] != null) {
                                progress.finished(reported[0] + 1,
                                        PlainText.visible(submissions.get(reported[0]).getFileName().toString()),
                                        lines[reported[0]]);
                                reported[0]++;
                            }
                        }
                    }
                    return g;
                }));
            }
            List<GradedSubmission> graded = new ArrayList<>();
            for (Future<GradedSubmission> f : futures) {
                graded.add(await(f));
            }
            return summarise(env, manifest, outDir, graded, start, isolated);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The result of one submission's task; a failure to write its reports stops the batch. */
    private static GradedSubmission await(Future<GradedSubmission> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CourseException(Course.INTERNAL_ERROR, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static int summarise(CourseEnv env, Manifest manifest, Path outDir, List<GradedSubmission> graded,
                                 long start, boolean isolated) {
        List<String> ids = manifest.exercises().stream().map(Exercise::id).toList();
        SummaryCsv.write(outDir.resolve("summary.csv"), ids, graded, isolated);
        long failed = graded.stream().filter(g -> g.error().isPresent()).count();
        env.out().printf("Graded %d submissions in %.1f s. Class summary: %s%n", graded.size(),
                (System.nanoTime() - start) / 1e9, outDir.resolve("summary.csv"));
        if (failed > 0) {
            env.out().println(failed + " could not be graded (scored 0, see their report.md): " + String.join(", ",
                    graded.stream().filter(g -> g.error().isPresent()).map(g -> PlainText.visible(g.name())).toList()));
        }
        env.out().flush();
        return failed > 0 ? 1 : 0;
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static void requireDirectory(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
            throw new CourseException(Course.USAGE, option + ": not a folder: " + dir);
        }
    }

    /** Grading must never write inside a student's submission. */
    private static void requireOutside(Path path, Path submission, String option) {
        if (path.startsWith(submission)) {
            throw new CourseException(Course.USAGE, option + " " + path + " is inside " + submission
                    + ": the grader never writes inside submissions; choose a folder outside it");
        }
    }
}
