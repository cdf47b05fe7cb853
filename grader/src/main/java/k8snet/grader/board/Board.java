package k8snet.grader.board;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/**
 * The student's progress board: one row per checked exercise in the manifest's order, then what to do
 * next for the first exercise that is not done yet: the lesson section and files, then either the
 * compiler's errors ({@link CompileErrors}) or every failing test ({@link FailureList}), and how to ask for
 * a hint.
 *
 * <p>Widths are computed on the plain text before colour is added, so the columns line up either way.
 */
public final class Board {

    /** Long failure messages (packet traces) are cut after this many lines; the rest is counted. */
    static final int MAX_MESSAGE_LINES = 40;

    private final String command;
    private final TestOrder order;
    private final boolean all;

    /**
     * A board that lists tests in the engine's run order and shows the first failure in full.
     *
     * @param command how the student runs the course command, such as {@code ./course}
     */
    public Board(String command) {
        this(command, TestOrder.runOrder(), false);
    }

    /**
     * @param command how the student runs the course command, such as {@code ./course}
     * @param order the order of an exercise's tests (see {@link TestOrder})
     * @param all whether every failure is shown in full, not only the first ({@code check --all})
     */
    public Board(String command, TestOrder order, boolean all) {
        this.command = Objects.requireNonNull(command, "command");
        this.order = Objects.requireNonNull(order, "order");
        this.all = all;
    }

    /** The board for a report, as text ending with a newline. */
    public String render(Manifest manifest, GradeReport report, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold(manifest.course())).append("\n\n");

        List<ExerciseResult> results = report.exercises();
        int titleWidth = results.stream().mapToInt(r -> r.exercise().title().length()).max().orElse(0);
        int idWidth = results.stream().mapToInt(r -> r.exercise().id().length()).max().orElse(0);
        int pointsWidth = results.stream().mapToInt(r -> points(r).length()).max().orElse(0);
        pointsWidth = Math.max(pointsWidth, total(report).length());
        int testsWidth = results.stream().mapToInt(r -> tests(r).length()).max().orElse(0);
        int statusWidth = "does not compile".length();

        for (ExerciseResult r : results) {
            String status = pad(label(r.status()), statusWidth);
            out.append("  ")
                    .append(style.bold(pad(r.exercise().id(), idWidth))).append("  ")
                    .append(pad(r.exercise().title(), titleWidth)).append("  ")
                    .append(colour(style, r.status(), status)).append("  ")
                    .append(padLeft(points(r), pointsWidth)).append(" points  ")
                    .append(padLeft(tests(r), testsWidth)).append('\n');
        }
        int labelWidth = 2 + idWidth + 2 + titleWidth + 2 + statusWidth + 2;
        out.append(pad("  Total", labelWidth)).append(style.bold(padLeft(total(report), pointsWidth)))
                .append(" points\n");

        Optional<ExerciseResult> next = results.stream().filter(r -> r.status() != ExerciseStatus.DONE).findFirst();
        out.append('\n');
        if (next.isPresent()) {
            appendNext(out, manifest, report, next.get(), style);
        } else {
            appendAllDone(out, manifest, report, style);
        }
        if (!report.warnings().isEmpty()) {
            out.append('\n').append(style.yellow("Warnings:")).append('\n');
            for (String w : report.warnings()) {
                out.append("  ").append(w).append('\n');
            }
        }
        return out.toString();
    }

    private void appendNext(StringBuilder out, Manifest manifest, GradeReport report, ExerciseResult r, Style style) {
        Exercise e = r.exercise();
        out.append(style.bold("Next: " + e.id() + " " + e.title())).append('\n');
        out.append("  Lesson: ").append(style.cyan(e.lesson())).append('\n');
        out.append("  Files:  ").append(String.join(", ", e.files().stream()
                .map(f -> CompileErrors.repositoryPath(e, f)).toList())).append('\n');
        if (r.status() == ExerciseStatus.DOES_NOT_COMPILE) {
            CompileErrors.append(out, manifest, r, all, style);
        } else {
            if (r.status() == ExerciseStatus.NOT_STARTED) {
                out.append("\n  Not started yet: read the lesson section, then replace each\n")
                        .append("  'throw new UnsupportedOperationException' in the files above.\n");
            }
            new FailureList(order, all, style).append(out, r);
            if (!all && r.tests().stream().filter(t -> t.status() != TestStatus.PASSED).count() > 1) {
                out.append("\n  Every failure in full: ").append(style.cyan(command + " check " + e.id() + " --all"))
                        .append('\n');
            }
        }
        CompileErrors.appendOthers(out, report, r, style);
        out.append('\n').append("  Ask for a hint: ").append(style.cyan(command + " hint " + e.id())).append('\n');
    }

    /** The scenario runner on the student's own code (module 4's lesson, "See the whole cluster"). */
    static final String SCENARIO_RUNNER = "./mvnw -q test-compile exec:java -pl module-04-external -am";

    private void appendAllDone(StringBuilder out, Manifest manifest, GradeReport report, Style style) {
        if (report.exercises().isEmpty()) {
            out.append(style.yellow("No exercise was checked.")).append('\n');
        } else if (report.exercises().size() < manifest.exercises().size()) {
            String ids = String.join(", ", report.exercises().stream().map(r -> r.exercise().id()).toList());
            out.append(style.green("Done: " + ids + " passes every graded test.")).append('\n');
            out.append("  See the whole course: ").append(style.cyan(command + " check")).append('\n');
        } else {
            out.append(style.green("Every exercise is done: all graded tests pass. Well done!")).append('\n');
            out.append("  Now watch your code run the whole cluster, figure by figure (module 4's lesson, the scenario "
                    + "runner):\n    ").append(style.cyan(SCENARIO_RUNNER)).append('\n');
        }
    }

    /** {@code lines} indented, at most {@code max} of them, then how many more there are. */
    static void appendLines(StringBuilder out, List<String> lines, int max, String indent) {
        int shown = Math.min(lines.size(), max);
        for (int i = 0; i < shown; i++) {
            out.append(indent).append(lines.get(i)).append('\n');
        }
        if (lines.size() > shown) {
            out.append(indent).append("... (").append(lines.size() - shown).append(" more lines)\n");
        }
    }

    /** The board's word for a status. */
    public static String label(ExerciseStatus status) {
        return switch (status) {
            case DONE -> "done";
            case IN_PROGRESS -> "in progress";
            case NOT_STARTED -> "not started";
            case DOES_NOT_COMPILE -> "does not compile";
        };
    }

    static String failureLabel(TestStatus status) {
        return switch (status) {
            case FAILED -> "Failing:";
            case TIMED_OUT -> "Timed out (an endless loop?):";
            case CRASHED -> "Crashed the test JVM (System.exit? out of memory?):";
            case NOT_RUN -> "Did not run:";
            case COMPILE_ERROR -> "Does not compile:";
            case PASSED -> "Passed:";
        };
    }

    private static String colour(Style style, ExerciseStatus status, String text) {
        return switch (status) {
            case DONE -> style.green(text);
            case IN_PROGRESS -> style.yellow(text);
            case NOT_STARTED -> style.dim(text);
            case DOES_NOT_COMPILE -> style.red(text);
        };
    }

    private static String points(ExerciseResult r) {
        return number(r.score()) + "/" + r.exercise().points();
    }

    private static String total(GradeReport report) {
        return number(report.score()) + "/" + number(report.maxScore());
    }

    /**
     * The tests column: passed of all graded tests, or "tests not run" when the exercise did not compile and
     * its results stand for whole test classes (the engine could not list their tests).
     */
    private static String tests(ExerciseResult r) {
        if (!r.tests().isEmpty() && r.tests().stream().allMatch(Board::standsForClass)) {
            return "tests not run";
        }
        long passed = r.tests().stream().filter(t -> t.status() == TestStatus.PASSED).count();
        return passed + "/" + r.tests().size() + " tests";
    }

    /** A result the engine made for a whole test class that did not compile: it never ran, so it has no id. */
    public static boolean standsForClass(TestResult t) {
        return t.status() == TestStatus.COMPILE_ERROR && t.uniqueId().isEmpty();
    }

    /** Points to a tenth, rounded down (see below): whole numbers without a decimal point, others with one. */
    public static String number(double value) {
        // Down to a tenth, never up: 9.96 of 10 points is 9.9, so only full marks read as 10.
        long tenths = Math.floorDiv(Points.hundredths(value), 10);
        if (tenths % 10 == 0) {
            return Long.toString(tenths / 10);
        }
        return String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
