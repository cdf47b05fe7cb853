package k8snet.grader.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import k8snet.grader.board.Board;
import k8snet.grader.board.TestOrder;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.engine.TestProgress;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code course check [ID]}: runs the graded tests on the student's own code and prints the board. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Runs the graded tests on your code and shows your progress.",
        description = "Runs the graded tests on your code and shows your progress and what to do next. "
                + "Exit code 0 when every checked exercise is done, 1 otherwise, 2 for a usage "
                + "error.")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
            description = "One exercise, such as 1.2 (default: all).")
    String id;

    @Option(names = "--no-color", description = "Plain text, no colours (also when NO_COLOR is set or piped).")
    boolean noColor;

    @Option(names = "--all", description = "Every failing test in full, not only the first.")
    boolean all;

    @Override
    public Integer call() {
        return check(parent.env(), Optional.ofNullable(id), noColor, all);
    }

    static int check(CourseEnv env, Optional<String> id, boolean noColor) {
        return check(env, id, noColor, false);
    }

    static int check(CourseEnv env, Optional<String> id, boolean noColor, boolean all) {
        return check(env, id, noColor, all, ownWork(env.kitRoot()));
    }

    /** Where a student's own check works: {@code .course/work} (its compile cache in {@code cache/} there). */
    static Path ownWork(Path kitRoot) {
        return kitRoot.resolve(".course").resolve("work");
    }

    /**
     * The check in the work folder {@code work}: the check server has its own, so that it and a check run beside it
     * never write the same layout; both share the compile cache under {@link #ownWork}.
     */
    static int check(CourseEnv env, Optional<String> id, boolean noColor, boolean all, Path work) {
        Manifest manifest = Manifests.load(env);
        List<String> ids = id.map(i -> List.of(Manifests.exercise(manifest, i).id()))
                .orElseGet(() -> manifest.exercises().stream().map(Exercise::id).toList());
        Map<String, Origin> origins = new HashMap<>();
        manifest.exercises().forEach(e -> origins.put(e.id(), Origin.SUBMISSION));
        RunRequest request = new RunRequest(env.kitRoot(), env.kitRoot(), ids, origins, Optional.empty(),
                work, OwnStubs.of(env.kitRoot(), manifest));
        ProgressLine line = new ProgressLine(env);
        GradeReport report = env.engine().get().run(request, line);
        report = Untouched.applyTo(report, env.kitRoot());
        line.clear();
        Board board = new Board(Course.COMMAND, TestOrder.ofSources(env.kitRoot(), manifest), all);
        env.out().print(board.render(manifest, report, env.style(noColor)));
        env.out().flush();
        boolean allDone = !report.exercises().isEmpty()
                && report.exercises().stream().allMatch(r -> r.status() == ExerciseStatus.DONE);
        return allDone ? 0 : 1;
    }

    /**
     * On a terminal, one line the engine keeps up to date while tests run ({@code 1.2: 37/80 tests}), rubbed
     * out with spaces before the board is printed (no escape codes, so it works on any terminal); elsewhere
     * nothing.
     */
    static final class ProgressLine implements TestProgress {
        private final CourseEnv env;
        private int width;

        ProgressLine(CourseEnv env) {
            this.env = env;
        }

        @Override
        public void update(String exerciseId, int done, int total) {
            if (!env.terminal()) {
                return;
            }
            String text = exerciseId + ": " + done + "/" + total + " tests";
            env.out().print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
            env.out().flush();
            width = Math.max(width, text.length());
        }

        void clear() {
            if (width > 0) {
                env.out().print("\r" + " ".repeat(width) + "\r");
                width = 0;
            }
        }
    }
}
