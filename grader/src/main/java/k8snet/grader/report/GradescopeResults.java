package k8snet.grader.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import k8snet.grader.board.Board;
import k8snet.grader.board.Messages;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

/**
 * {@code results.json} in the format Gradescope's autograder harness reads
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a top-level score, execution time and
 * output, and one entry per graded test with its exercise id as {@code number}.
 *
 * <p>An exercise whose code does not compile, or that has no test results at all, still gets entries
 * scored 0 whose output is the compiler's messages (or the grader's error), so the student sees why.
 */
public final class GradescopeResults {

    /** Captured test output is cut here: Gradescope shows it inline. */
    static final int MAX_OUTPUT_CHARS = 4000;

    /** The whole file. */
    public record Results(double score, @JsonProperty("execution_time") long executionTime, String output,
                          List<Test> tests) {
    }

    /** One test. */
    public record Test(String name, String number, double score, @JsonProperty("max_score") double maxScore,
                       String status, String output, String visibility) {
    }

    private GradescopeResults() {
    }

    /** Builds the results for one graded submission. */
    public static Results of(GradedSubmission graded) {
        GradeReport report = graded.report();
        List<Test> tests = new ArrayList<>();
        for (ExerciseResult r : report.exercises()) {
            String compiler = String.join("\n", r.compilerMessages());
            String id = r.exercise().id();
            if (r.tests().isEmpty()) {
                String why = graded.error().map(e -> "The grader failed on this submission: " + e)
                        .orElse(r.status() == ExerciseStatus.DOES_NOT_COMPILE
                                ? "Does not compile:\n" + compiler
                                : "No graded test ran for this exercise.");
                tests.add(new Test(id + " " + r.exercise().title(), id, Scores.round(r.score()),
                        r.exercise().points(), "failed", why, "visible"));
                continue;
            }
            double share = Scores.share(r);
            for (TestResult t : r.tests()) {
                boolean passed = t.status() == TestStatus.PASSED;
                tests.add(new Test(t.name(), id, passed ? Scores.round(share) : 0, Scores.round(share),
                        passed ? "passed" : "failed", output(t, r, compiler), "visible"));
            }
        }
        return new Results(Scores.round(report.score()), Math.round(report.seconds()), summary(graded), tests);
    }

    /** Writes {@code dir/results.json}. */
    public static void write(GradedSubmission graded, Path dir) {
        Json.write(dir.resolve("results.json"), of(graded));
    }

    private static String output(TestResult t, ExerciseResult r, String compiler) {
        StringBuilder out = new StringBuilder();
        if (t.status() == TestStatus.COMPILE_ERROR || r.status() == ExerciseStatus.DOES_NOT_COMPILE) {
            out.append("Does not compile:\n").append(compiler);
            if (!t.message().isBlank() && !compiler.contains(t.message().strip())) {
                out.append('\n').append(t.message());
            }
        } else if (t.status() != TestStatus.PASSED) {
            out.append(statusWord(t.status())).append(String.join("\n", Messages.forStudent(t.message())));
        }
        if (!t.output().isBlank()) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            String captured = t.output().length() > MAX_OUTPUT_CHARS
                    ? t.output().substring(0, MAX_OUTPUT_CHARS) + "\n... (output cut)"
                    : t.output();
            out.append("Output:\n").append(captured);
        }
        return out.toString();
    }

    private static String statusWord(TestStatus status) {
        return switch (status) {
            case TIMED_OUT -> "Timed out (an endless loop?): ";
            case CRASHED -> "Crashed the test JVM (System.exit? out of memory?): ";
            case NOT_RUN -> "Did not run: ";
            default -> "";
        };
    }

    private static String summary(GradedSubmission graded) {
        GradeReport report = graded.report();
        StringBuilder out = new StringBuilder();
        out.append("Score: ").append(Board.number(report.score())).append(" / ")
                .append(Board.number(report.maxScore())).append('\n');
        for (ExerciseResult r : report.exercises()) {
            out.append(r.exercise().id()).append(' ').append(r.exercise().title()).append(": ")
                    .append(Board.label(r.status())).append(", ").append(Board.number(r.score())).append('/')
                    .append(r.exercise().points()).append('\n');
        }
        graded.error().ifPresent(e -> out.append("\nThe grader failed on this submission: ").append(e).append('\n'));
        if (graded.error().isEmpty() && !report.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            report.warnings().forEach(w -> out.append("- ").append(w).append('\n'));
        }
        return out.toString();
    }
}
