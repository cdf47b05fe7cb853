package k8snet.grader.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.manifest.Exercise;

/**
 * One graded submission: its name, the engine's report, and the error when the grader itself failed on it
 * (the engine threw). A failed submission still has a report, with every exercise at zero, so every
 * writer can produce its files and a batch can go on.
 *
 * @param name the submission's folder name (or "reference")
 * @param report what the engine found
 * @param error why grading failed, when it did
 * @param isolation whether its exercises were graded together or each alone
 */
public record GradedSubmission(String name, GradeReport report, Optional<String> error, Isolation isolation) {

    public GradedSubmission {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(isolation, "isolation");
    }

    /** A graded submission without a grader error, its exercises graded together. */
    public static GradedSubmission of(String name, GradeReport report) {
        return of(name, report, Isolation.NONE);
    }

    /** A graded submission without a grader error. */
    public static GradedSubmission of(String name, GradeReport report, Isolation isolation) {
        return new GradedSubmission(name, report, Optional.empty(), isolation);
    }

    /** This submission graded with {@code mode}. */
    public GradedSubmission withIsolation(Isolation mode) {
        return new GradedSubmission(name, report, error, mode);
    }

    /** A submission the grader could not grade: every exercise scores 0 and the error is kept. */
    public static GradedSubmission failed(String name, List<Exercise> exercises, String error, double seconds) {
        List<ExerciseResult> zero = exercises.stream()
                .map(e -> new ExerciseResult(e, ExerciseStatus.NOT_STARTED, List.of(), 0, List.of()))
                .toList();
        double max = exercises.stream().mapToDouble(Exercise::points).sum();
        GradeReport report = new GradeReport(zero, 0, max, List.of("The grader failed on this submission: " + error),
                seconds);
        return new GradedSubmission(name, report, Optional.of(error), Isolation.NONE);
    }
}
