package k8snet.grader.engine;

import java.util.List;

/**
 * The outcome of one grading run: per exercise, and in total.
 *
 * @param exercises in manifest order (only those that were run)
 * @param score the sum of the exercises' scores
 * @param maxScore the sum of their points
 * @param warnings things an instructor must see: shadowed kit classes that were ignored, crashes
 * @param seconds wall time of the whole run
 */
public record GradeReport(List<ExerciseResult> exercises, double score, double maxScore, List<String> warnings,
                          double seconds) {

    public GradeReport {
        exercises = List.copyOf(exercises);
        warnings = List.copyOf(warnings);
    }
}
