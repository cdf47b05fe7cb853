package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import k8snet.grader.board.Board;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.engine.TestStatus;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course solution ID}: once an exercise is done (its graded tests, run now, all pass), shows each of
 * its files as the student wrote it and then as the reference solution has it, for a self-paced learner to
 * compare. Only in a kit that has {@code solutions/}: a student kit made by {@code export-student} has none.
 */
@Command(name = "solution", mixinStandardHelpOptions = true,
        header = "Shows the reference solution beside yours, once the exercise is done.",
        description = "Runs the exercise's graded tests; when they all pass, shows each file as you wrote it and "
                + "then the reference solution's. Only where the kit has solutions/ (a student kit from "
                + "export-student has none). Exit code 0 when shown, 1 when the exercise is not done or the kit "
                + "has no solutions, 2 for a usage error.")
final class SolutionCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The exercise, such as 1.2.")
    String id;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Manifest manifest = Manifests.load(env);
        Exercise exercise = Manifests.exercise(manifest, id);
        Path kit = env.kitRoot();
        if (!Files.isDirectory(kit.resolve("solutions"))) {
            throw new CourseException(1, "this kit has no solutions/ folder, so there is no reference solution to "
                    + "show: a student kit made by export-student leaves them out. Ask your instructor.");
        }
        List<String> missing = exercise.files().stream()
                .filter(f -> !Files.isRegularFile(KitLayout.solutionSources(kit, exercise.module()).resolve(f)))
                .map(f -> "solutions/" + exercise.module() + "/src/main/java/" + f).toList();
        if (!missing.isEmpty()) {
            throw new CourseException(1, "the kit's solutions/ folder lacks " + String.join(", ", missing)
                    + ", so the reference solution of " + exercise.id() + " cannot be shown.");
        }
        Map<String, Origin> origins = new HashMap<>();
        manifest.exercises().forEach(e -> origins.put(e.id(), Origin.SUBMISSION));
        GradeReport report;
        try (var engine = env.engine().get()) {
            report = engine.run(new RunRequest(kit, kit, List.of(exercise.id()), origins, Optional.empty(),
                    kit.resolve(".course").resolve("work")));
        }
        ExerciseResult result = report.exercises().stream().filter(r -> r.exercise().id().equals(exercise.id()))
                .findFirst().orElseThrow(() -> new IllegalStateException("The engine did not check " + exercise.id()));
        if (result.status() != ExerciseStatus.DONE) {
            long passed = result.tests().stream().filter(t -> t.status() == TestStatus.PASSED).count();
            throw new CourseException(1, exercise.id() + " " + exercise.title() + " is not done yet (" + Board.label(result.status())
                    + ", " + passed + " of " + result.tests().size() + " graded tests pass): its solution is shown "
                    + "once they all do. See what fails with " + Course.COMMAND + " check " + exercise.id()
                    + ", or ask for a hint with " + Course.COMMAND + " hint " + exercise.id() + ".");
        }
        env.out().println(exercise.id() + " " + exercise.title() + " is done: every graded test passes. Your files, each "
                + "followed by the reference solution's:");
        for (String f : exercise.files()) {
            String mine = exercise.module() + "/src/main/java/" + f;
            String reference = "solutions/" + mine;
            byte[] mineBytes = read(kit.resolve(mine));
            byte[] referenceBytes = read(kit.resolve(reference));
            env.out().println();
            env.out().println(banner("Yours: " + mine));
            env.out().print(text(mineBytes));
            env.out().println();
            env.out().println(banner("Reference: " + reference));
            if (Arrays.equals(mineBytes, referenceBytes)) {
                env.out().println("(the same as yours, byte for byte)");
            } else {
                env.out().print(text(referenceBytes));
            }
        }
        env.out().flush();
        return 0;
    }

    private static String banner(String title) {
        return "==== " + title + " " + "=".repeat(Math.max(4, 74 - title.length()));
    }

    private static String text(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s : s + "\n";
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
