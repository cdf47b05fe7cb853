package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.GradescopeOutcome;
import k8snet.grader.platform.UploadMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course gradescope-run}: what a bundle's {@code run_autograder} calls for each submission. It lays the
 * upload out like the kit ({@link UploadMapper}), grades it with {@code course grade} and writes Gradescope's
 * {@code results.json}, with the mapping's notes first, in every case ({@link GradescopeOutcome}): an upload
 * with nothing to grade, and a grader that fails, still get a valid file scored 0 that says why.
 */
@Command(name = "gradescope-run", mixinStandardHelpOptions = true,
        header = "Grades one Gradescope submission (run by the bundle's run_autograder).",
        description = "Lays ROOT/submission out like the kit (whole kit, module folders or loose .java files), "
                + "grades it with this kit's tests and writes ROOT/results/results.json, whatever happens. ROOT is "
                + "--root, else $AUTOGRADER_ROOT, else /autograder. Scratch space: ROOT/work.")
final class GradescopeRunCommand implements Callable<Integer> {

    /** The environment variable that replaces {@code /autograder}, as in {@code run_autograder}. */
    static final String ROOT_VARIABLE = "AUTOGRADER_ROOT";

    @ParentCommand
    Course parent;

    @Option(names = "--root", paramLabel = "ROOT", description = "The autograder root (default: $AUTOGRADER_ROOT "
            + "or /autograder).")
    Path root;

    @Option(names = "--hidden-tests", paramLabel = "DIR", description = "Hidden tests to grade with.")
    Path hiddenTests;

    @Option(names = "--isolated", description = "Grade module N with the reference solutions of the modules "
            + "before it.")
    boolean isolated;

    @Option(names = "--per-test", description = "One row per test.")
    boolean perTest;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Path autograder = (root != null ? root : Path.of(env.environment().getOrDefault(ROOT_VARIABLE, "/autograder")))
                .toAbsolutePath().normalize();
        Path results = autograder.resolve("results/results.json");
        List<String> notes = new ArrayList<>();
        try {
            return grade(env, autograder, results, notes);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            GradescopeOutcome.failed(results, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), notes);
            env.err().println("course gradescope-run: " + e);
            env.err().flush();
            return Course.INTERNAL_ERROR;
        }
    }

    private int grade(CourseEnv env, Path autograder, Path results, List<String> notes) {
        Manifest manifest = Manifests.load(env);
        Path work = autograder.resolve("work");
        Path layout = work.resolve("upload/submission");
        Path reports = work.resolve("reports");
        delete(work.resolve("upload"));
        delete(reports);
        UploadMapper.Upload upload = UploadMapper.map(autograder.resolve("submission"), env.kitRoot(), manifest,
                layout);
        notes.addAll(upload.notes());
        env.out().println("Upload: " + upload.shape() + upload.folder().map(f -> " (" + f + ")").orElse(""));
        upload.notes().forEach(n -> env.out().println("  " + n));
        if (upload.folder().isEmpty()) {
            GradescopeOutcome.nothingGraded(results, notes);
            return 0;
        }
        List<String> args = new ArrayList<>(List.of("--submission", upload.folder().get().toString(),
                "--out", reports.toString(), "--work", work.resolve("build").toString()));
        if (hiddenTests != null) {
            args.addAll(List.of("--hidden-tests", hiddenTests.toAbsolutePath().normalize().toString()));
        }
        if (isolated) {
            args.add("--isolated");
        }
        if (perTest) {
            args.add("--per-test");
        }
        GradeRun.Result graded = GradeRun.grade(env, args);
        Path produced = reports.resolve("results.json");
        if (!Files.isRegularFile(produced)) {
            GradescopeOutcome.failed(results, "course grade stopped with exit code " + graded.exitCode()
                    + " and wrote no results.\n" + graded.lastErrors(20), notes);
            return graded.exitCode() == 0 ? Course.INTERNAL_ERROR : graded.exitCode();
        }
        GradescopeOutcome.withNotes(produced, notes, results);
        return graded.exitCode();
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }
}
