package k8snet.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import k8snet.grader.board.Board;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

/**
 * {@code report.md}: a summary a person reads in a CI job summary or an e-mail, and one that can be handed to
 * the student: the score, a table of exercises, each failure with its message, the compiler's messages, and
 * the warnings. Hidden tests appear only as their points (see {@link StudentView}) unless they are visible.
 */
public final class MarkdownReport {

    /** A failure message in the report is cut after this many lines (packet traces can be long). */
    static final int MAX_MESSAGE_LINES = MarkdownText.MAX_MESSAGE_LINES;

    /** An exercise lists at most this many failing tests; report.json has them all. */
    static final int MAX_FAILURES = MarkdownText.MAX_FAILURES;

    private MarkdownReport() {
    }

    public static String render(GradedSubmission graded) {
        return render(graded, ReportOptions.defaults());
    }

    public static String render(GradedSubmission graded, ReportOptions options) {
        GradeReport report = graded.report();
        StudentView view = new StudentView(report, options.hiddenVisibility());
        List<StudentView.Exercise> exercises = report.exercises().stream().map(view::exercise).toList();
        long hiddenMax = exercises.stream().mapToLong(StudentView.Exercise::hiddenMax).sum();
        long visibleScore = exercises.stream().mapToLong(StudentView.Exercise::visibleScore).sum();
        long visibleMax = exercises.stream().mapToLong(StudentView.Exercise::visibleMax).sum();
        StringBuilder md = new StringBuilder();
        md.append("# Grade report: ").append(MarkdownText.inline(graded.name())).append("\n\n");
        md.append(hiddenMax > 0 ? "**Score on the visible tests: " : "**Score: ")
                .append(Scores.points(visibleScore)).append(" / ").append(Scores.points(visibleMax)).append("** (")
                .append(Scores.text(report.seconds())).append(" s; sandbox: ")
                .append(MarkdownText.inline(report.sandbox())).append(")\n\n");
        md.append("Graded ").append(graded.isolation().description()).append(".\n\n");
        if (hiddenMax > 0) {
            md.append("Hidden tests worth ").append(Scores.points(hiddenMax))
                    .append(" points are graded too; their results are ").append(view.visibility().whenShown())
                    .append(".\n\n");
        }
        view.error(graded).ifPresent(e -> md.append("> **The grader failed on this submission:** ")
                .append(cell(e)).append("\n\n"));

        md.append("| Exercise | Status | Points | Tests passed |\n");
        md.append("| --- | --- | ---: | ---: |\n");
        for (StudentView.Exercise x : exercises) {
            md.append("| ").append(cell(x.result().exercise().id() + " " + x.result().exercise().title()))
                    .append(" | ").append(Board.label(x.visibleStatus())).append(" | ")
                    .append(Scores.points(x.visibleScore())).append(" / ").append(Scores.points(x.visibleMax()))
                    .append(" | ").append(testsCell(x.visible())).append(" |\n");
        }

        boolean anyFailure = exercises.stream().anyMatch(x -> x.visibleStatus() != ExerciseStatus.DONE
                && (!x.visible().isEmpty() || !x.result().compilerMessages().isEmpty()));
        if (anyFailure) {
            md.append("\n## Failures\n");
            for (StudentView.Exercise x : exercises) {
                appendFailures(md, x);
            }
        }
        List<String> warnings = view.warnings(report);
        if (!warnings.isEmpty()) {
            md.append("\n## Warnings\n\n");
            for (String w : warnings) {
                md.append("- ").append(w.replace("\n", " ")).append('\n');
            }
        }
        return PlainText.visible(md.toString());
    }

    /** Writes {@code dir/report.md}. */
    public static void write(GradedSubmission graded, Path dir) {
        write(graded, dir, ReportOptions.defaults());
    }

    /** Writes {@code dir/report.md}. */
    public static void write(GradedSubmission graded, Path dir, ReportOptions options) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.md"), render(graded, options), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve("report.md") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Passed of all tests, or "not run" when the results stand for whole test classes that did not compile (the
     * engine could not list their tests, so a count of classes would pass for a count of tests), as on the board.
     */
    private static String testsCell(List<TestResult> tests) {
        if (!tests.isEmpty() && tests.stream().allMatch(Board::standsForClass)) {
            return "not run";
        }
        return tests.stream().filter(TestResult::passed).count() + " / " + tests.size();
    }

    private static void appendFailures(StringBuilder md, StudentView.Exercise x) {
        if (x.visibleStatus() == ExerciseStatus.DONE) {
            return;
        }
        List<String> compiler = x.result().compilerMessages();
        List<TestResult> failing = x.visible().stream().filter(t -> !t.passed()).toList();
        if (failing.isEmpty() && compiler.isEmpty()) {
            return;
        }
        md.append("\n### ").append(x.result().exercise().id()).append(' ').append(x.result().exercise().title())
                .append("\n\n");
        if (!compiler.isEmpty()) {
            md.append("Does not compile:\n\n");
            MarkdownText.block(md, compiler);
            failing = failing.stream().filter(t -> t.status() != TestStatus.COMPILE_ERROR).toList();
        }
        MarkdownText.failures(md, failing, 0);
    }

    /** A table cell on one line with its pipes escaped. */
    private static String cell(String text) {
        return text.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
