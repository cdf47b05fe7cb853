package k8snet.grader.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import k8snet.grader.board.Board;
import k8snet.grader.board.Messages;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;
import k8snet.grader.engine.Visibility;

/**
 * {@code results.json} in the format Gradescope's autograder harness reads
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a top-level score, execution time and
 * output (Markdown: {@code output_format} is {@code md}), and the rows students see.
 *
 * <p>By default one row per exercise, its failing tests listed in the row's output; with
 * {@link ReportOptions#perTest()} one row per test. An exercise's hidden tests get rows of their own with
 * the {@code visibility} of {@code hidden-tests.yaml} (by default {@code after_published}); every other row
 * and the top-level output say nothing about them but their points. Scores are exact hundredths
 * ({@link Points}), so the rows add up to the top-level score exactly.
 *
 * <p>An exercise whose code does not compile, or that has no test results at all, still gets a row scored 0
 * whose output is the compiler's messages (or the grader's error), so the student sees why.
 */
public final class GradescopeResults {

    /** Captured test output is cut here: Gradescope shows it inline. */
    static final int MAX_OUTPUT_CHARS = 4000;

    /** In an exercise's row, each listed failing test's captured output is cut here. */
    static final int MAX_ROW_OUTPUT_CHARS = 1000;

    /** Gradescope renders outputs as Markdown. */
    static final String FORMAT = "md";

    /** The whole file. */
    public record Results(BigDecimal score, @JsonProperty("execution_time") long executionTime, String output,
                          @JsonProperty("output_format") String outputFormat,
                          @JsonProperty("test_output_format") String testOutputFormat, List<Test> tests) {
    }

    /** One row: an exercise (or its hidden tests), or one test. */
    public record Test(String name, String number, BigDecimal score, @JsonProperty("max_score") BigDecimal maxScore,
                       String status, String output, String visibility) {
    }

    private GradescopeResults() {
    }

    /** Builds the results for one graded submission, with the default options. */
    public static Results of(GradedSubmission graded) {
        return of(graded, ReportOptions.defaults());
    }

    /** Builds the results for one graded submission. */
    public static Results of(GradedSubmission graded, ReportOptions options) {
        GradeReport report = graded.report();
        StudentView view = new StudentView(report, options.hiddenVisibility());
        String later = options.hiddenVisibility().gradescope();
        List<Test> tests = new ArrayList<>();
        for (ExerciseResult r : report.exercises()) {
            StudentView.Exercise x = view.exercise(r);
            String id = r.exercise().id();
            String title = id + " " + r.exercise().title();
            if (r.tests().isEmpty()) {
                String why = view.error(graded).map(e -> "The grader failed on this submission: " + e)
                        .orElse(r.status() == ExerciseStatus.DOES_NOT_COMPILE
                                ? "Does not compile:\n" + String.join("\n", r.compilerMessages())
                                : "No graded test ran for this exercise.");
                tests.add(row(title, id, x.visibleScore(), x.visibleMax(), false, fenced(why), "visible"));
                continue;
            }
            if (options.perTest()) {
                perTest(tests, x, id, title, later);
            } else {
                boolean done = !x.visible().isEmpty() && x.visible().stream().allMatch(TestResult::passed);
                tests.add(row(title, id, x.visibleScore(), x.visibleMax(), done,
                        exerciseOutput(x.visibleStatus(), x.visible(), r.compilerMessages()), "visible"));
                if (!x.hidden().isEmpty()) {
                    boolean hiddenDone = x.hidden().stream().allMatch(TestResult::passed);
                    tests.add(row(title + ": hidden tests", id, x.hiddenScore(), x.hiddenMax(), hiddenDone,
                            exerciseOutput(hiddenDone ? ExerciseStatus.DONE : ExerciseStatus.IN_PROGRESS,
                                    x.hidden(), List.of()), later));
                }
            }
        }
        return new Results(Points.exact(Scores.total(report)), Math.round(report.seconds()), summary(graded, view),
                FORMAT, FORMAT, tests);
    }

    /** Writes {@code dir/results.json} with the default options. */
    public static void write(GradedSubmission graded, Path dir) {
        write(graded, dir, ReportOptions.defaults());
    }

    /** Writes {@code dir/results.json}. */
    public static void write(GradedSubmission graded, Path dir, ReportOptions options) {
        Json.write(dir.resolve("results.json"), of(graded, options));
    }

    private static void perTest(List<Test> tests, StudentView.Exercise x, String id, String title, String later) {
        String compiler = String.join("\n", x.result().compilerMessages());
        if (x.visible().isEmpty() && x.visibleMax() > 0) {
            tests.add(row(title, id, x.visibleScore(), x.visibleMax(), false,
                    fenced("No graded test of this exercise ran."), "visible"));
        }
        for (TestResult t : x.visible()) {
            long points = Points.hundredths(t.points());
            tests.add(row(t.name(), id, t.passed() ? points : 0, points, t.passed(),
                    testOutput(t, x.result(), compiler), "visible"));
        }
        for (TestResult t : x.hidden()) {
            long points = Points.hundredths(t.points());
            tests.add(row(t.name(), id, t.passed() ? points : 0, points, t.passed(),
                    testOutput(t, x.result(), ""), later));
        }
    }

    private static Test row(String name, String number, long score, long max, boolean passed, String output,
                            String visibility) {
        return new Test(name, number, Points.exact(score), Points.exact(max), passed ? "passed" : "failed", output,
                visibility);
    }

    /** An exercise's row: how far it is, the compiler's messages, and its failing tests. */
    private static String exerciseOutput(ExerciseStatus status, List<TestResult> tests, List<String> compiler) {
        StringBuilder md = new StringBuilder();
        long passed = tests.stream().filter(TestResult::passed).count();
        md.append("**").append(capitalised(Board.label(status))).append("**: ").append(passed).append(" of ")
                .append(tests.size()).append(tests.size() == 1 ? " test" : " tests").append(" passed.\n\n");
        List<TestResult> failing = tests.stream().filter(t -> !t.passed()).toList();
        if (!compiler.isEmpty()) {
            md.append("Does not compile:\n\n");
            MarkdownText.block(md, compiler);
            failing = failing.stream().filter(t -> t.status() != TestStatus.COMPILE_ERROR).toList();
        }
        if (!failing.isEmpty()) {
            md.append("Failing:\n\n");
            MarkdownText.failures(md, failing, MAX_ROW_OUTPUT_CHARS);
        }
        return md.toString().strip();
    }

    private static String testOutput(TestResult t, ExerciseResult r, String compiler) {
        List<String> lines = new ArrayList<>();
        if (t.status() == TestStatus.COMPILE_ERROR) {
            lines.add("Does not compile:");
            String own = compiler.isEmpty() ? t.message() : compiler;
            lines.addAll(own.lines().toList());
            if (!compiler.isEmpty() && !t.message().isBlank() && !compiler.contains(t.message().strip())) {
                lines.addAll(t.message().lines().toList());
            }
        } else if (!t.passed()) {
            if (r.status() == ExerciseStatus.DOES_NOT_COMPILE && !compiler.isEmpty()) {
                // A file of the exercise fell back to its stub: say why before the stub's failure.
                lines.add("Does not compile (the grader used the stub of the file with the errors):");
                lines.addAll(compiler.lines().toList());
                lines.add("");
            }
            List<String> message = Messages.forStudent(t.message());
            String word = statusWord(t.status());
            if (message.isEmpty()) {
                lines.add(word.strip());
            } else {
                lines.add(word + message.get(0));
                lines.addAll(message.subList(1, message.size()));
            }
        }
        if (!t.output().isBlank()) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            String captured = t.output().length() > MAX_OUTPUT_CHARS
                    ? t.output().substring(0, MAX_OUTPUT_CHARS) + "\n... (output cut)"
                    : t.output();
            lines.add("Output:");
            lines.addAll(captured.lines().toList());
        }
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        MarkdownText.block(md, lines);
        return md.toString().strip();
    }

    private static String fenced(String text) {
        StringBuilder md = new StringBuilder();
        MarkdownText.block(md, text.lines().toList());
        return md.toString().strip();
    }

    private static String statusWord(TestStatus status) {
        return switch (status) {
            case TIMED_OUT -> "Timed out (an endless loop?): ";
            case CRASHED -> "Crashed the test JVM (System.exit? out of memory?): ";
            case NOT_RUN -> "Did not run: ";
            default -> "";
        };
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String summary(GradedSubmission graded, StudentView view) {
        GradeReport report = graded.report();
        List<StudentView.Exercise> exercises = report.exercises().stream().map(view::exercise).toList();
        long hiddenMax = exercises.stream().mapToLong(StudentView.Exercise::hiddenMax).sum();
        long visibleScore = exercises.stream().mapToLong(StudentView.Exercise::visibleScore).sum();
        long visibleMax = exercises.stream().mapToLong(StudentView.Exercise::visibleMax).sum();
        StringBuilder out = new StringBuilder();
        out.append(hiddenMax > 0 ? "**Score on the visible tests: " : "**Score: ")
                .append(Scores.points(visibleScore)).append(" / ").append(Scores.points(visibleMax)).append("** (sandbox: ")
                .append(MarkdownText.inline(report.sandbox())).append(")\n\n");
        out.append("Graded ").append(graded.isolation().description()).append(".\n\n");
        if (hiddenMax > 0) {
            Visibility v = view.visibility();
            out.append("Hidden tests worth ").append(Scores.points(hiddenMax))
                    .append(" points are graded too; their results are ").append(v.whenShown()).append(".\n\n");
        }
        for (StudentView.Exercise x : exercises) {
            out.append("- ").append(MarkdownText.inline(x.result().exercise().id() + " "
                            + x.result().exercise().title())).append(": ")
                    .append(Board.label(x.visibleStatus())).append(", ").append(Scores.points(x.visibleScore()))
                    .append(" / ").append(Scores.points(x.visibleMax())).append('\n');
        }
        view.error(graded).ifPresent(e -> out.append("\n**The grader failed on this submission:** ")
                .append(MarkdownText.inline(e)).append('\n'));
        List<String> warnings = view.warnings(report);
        if (graded.error().isEmpty() && !warnings.isEmpty()) {
            out.append("\nWarnings:\n\n");
            warnings.forEach(w -> out.append("- ").append(MarkdownText.inline(w)).append('\n'));
        }
        return out.toString();
    }
}
