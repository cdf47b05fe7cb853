package k8snet.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import k8snet.grader.board.Board;
import k8snet.grader.board.Messages;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

/**
 * {@code report.md}: a summary a person reads in a CI job summary or an e-mail: the score, a table of
 * exercises, each failure with its message, the compiler's messages, and the warnings.
 */
public final class MarkdownReport {

    /** A failure message in the report is cut after this many lines (packet traces can be long). */
    static final int MAX_MESSAGE_LINES = 30;

    /** An exercise lists at most this many failing tests; report.json has them all. */
    static final int MAX_FAILURES = 10;

    private MarkdownReport() {
    }

    public static String render(GradedSubmission graded) {
        GradeReport report = graded.report();
        StringBuilder md = new StringBuilder();
        md.append("# Grade report: ").append(graded.name()).append("\n\n");
        md.append("**Score: ").append(Board.number(report.score())).append(" / ")
                .append(Board.number(report.maxScore())).append("** (")
                .append(Scores.text(report.seconds())).append(" s)\n\n");
        graded.error().ifPresent(e -> md.append("> **The grader failed on this submission:** ")
                .append(cell(e)).append("\n\n"));

        md.append("| Exercise | Status | Points | Tests passed |\n");
        md.append("| --- | --- | ---: | ---: |\n");
        for (ExerciseResult r : report.exercises()) {
            md.append("| ").append(cell(r.exercise().id() + " " + r.exercise().title())).append(" | ")
                    .append(Board.label(r.status())).append(" | ")
                    .append(Scores.text(r.score())).append(" / ").append(r.exercise().points()).append(" | ")
                    .append(Scores.passed(r)).append(" / ").append(r.tests().size()).append(" |\n");
        }

        boolean anyFailure = report.exercises().stream().anyMatch(r -> r.status() != ExerciseStatus.DONE
                && (!r.tests().isEmpty() || !r.compilerMessages().isEmpty()));
        if (anyFailure) {
            md.append("\n## Failures\n");
            for (ExerciseResult r : report.exercises()) {
                appendFailures(md, r);
            }
        }
        if (!report.warnings().isEmpty()) {
            md.append("\n## Warnings\n\n");
            for (String w : report.warnings()) {
                md.append("- ").append(w.replace("\n", " ")).append('\n');
            }
        }
        return md.toString();
    }

    /** Writes {@code dir/report.md}. */
    public static void write(GradedSubmission graded, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.md"), render(graded), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve("report.md") + ": " + e.getMessage(), e);
        }
    }

    private static void appendFailures(StringBuilder md, ExerciseResult r) {
        if (r.status() == ExerciseStatus.DONE) {
            return;
        }
        List<TestResult> failing = r.tests().stream().filter(t -> t.status() != TestStatus.PASSED).toList();
        if (failing.isEmpty() && r.compilerMessages().isEmpty()) {
            return;
        }
        md.append("\n### ").append(r.exercise().id()).append(' ').append(r.exercise().title()).append("\n\n");
        if (!r.compilerMessages().isEmpty()) {
            md.append("Does not compile:\n\n");
            block(md, r.compilerMessages());
        }
        if (!r.compilerMessages().isEmpty()) {
            failing = failing.stream().filter(t -> t.status() != TestStatus.COMPILE_ERROR).toList();
        }
        int shown = 0;
        for (TestResult t : failing) {
            if (shown++ == MAX_FAILURES) {
                md.append("- ... and ").append(failing.size() - MAX_FAILURES)
                        .append(" more failing tests (all of them are in report.json)\n\n");
                break;
            }
            md.append("- **").append(cell(t.name())).append("** (").append(t.status().name().toLowerCase()
                    .replace('_', ' ')).append(")\n");
            if (!t.message().isBlank()) {
                md.append('\n');
                List<String> lines = Messages.forStudent(t.message());
                if (lines.size() > MAX_MESSAGE_LINES) {
                    lines = new ArrayList<>(lines.subList(0, MAX_MESSAGE_LINES));
                    lines.add("... (message cut; see report.json)");
                }
                block(md, lines.stream().map(l -> "  " + l).toList());
            }
        }
    }

    private static void block(StringBuilder md, List<String> lines) {
        String fence = lines.stream().anyMatch(l -> l.contains("```")) ? "~~~~" : "```";
        md.append(fence).append("text\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append(fence).append("\n\n");
    }

    /** A table cell on one line with its pipes escaped. */
    private static String cell(String text) {
        return text.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
