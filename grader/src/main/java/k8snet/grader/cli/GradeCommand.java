package k8snet.grader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import k8snet.grader.board.Board;
import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ForkingEngine;
import k8snet.grader.engine.HiddenTestsFile;
import k8snet.grader.engine.Origin;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.KitDigests;
import k8snet.grader.report.GradedSubmission;
import k8snet.grader.report.PlainText;
import k8snet.grader.report.ReportOptions;
import k8snet.grader.report.ReportWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course grade}: the instructor's grading of one submission, of the reference solutions, or of a
 * folder of submissions, with the kit's own pristine tests (a submission's copies of the tests are never
 * used). Reports go to {@code --out}; nothing is ever written inside a submission. Before anything runs,
 * {@link PristineGuard} decides whether the kit's tests may grade (a kit grading itself must prove them with its
 * digest list) or a {@code --pristine} copy's must. A batch is {@link BatchGrading}'s, the reference's verdict
 * {@link ReferenceCheck}'s.
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
            return Math.max(code, ReferenceCheck.verdict(env.out(), graded, hiddenTests != null));
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
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        return new BatchGrading(env, manifest, grading, options, threads, isolated).run(folder, outDir);
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
