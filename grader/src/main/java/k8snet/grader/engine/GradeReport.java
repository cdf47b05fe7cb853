package k8snet.grader.engine;

import java.util.List;

/**
 * The outcome of one grading run: per exercise, and in total.
 *
 * @param exercises in manifest order (only those that were run)
 * @param score the sum of the exercises' scores
 * @param maxScore the sum of their maximum scores
 * @param warnings things an instructor must see: shadowed kit classes that were ignored, crashes
 * @param seconds wall time of the whole run
 * @param tamperedFiles the submission's files that try to change the kit and were ignored: edited copies
 *     of provided code or of tests, and new files that would replace a kit class (paths as in the kit)
 * @param sandbox the sandbox the test JVMs ran in: {@code bubblewrap}, {@code unshare} or {@code none}
 *     ({@link k8snet.grader.guard.SandboxMode#label()})
 */
public record GradeReport(List<ExerciseResult> exercises, double score, double maxScore, List<String> warnings,
                          double seconds, List<String> tamperedFiles, String sandbox) {

    public GradeReport {
        exercises = List.copyOf(exercises);
        warnings = List.copyOf(warnings);
        tamperedFiles = List.copyOf(tamperedFiles);
        if (sandbox == null || sandbox.isBlank()) {
            throw new IllegalArgumentException("Sandbox must be named (none where there was none), got '" + sandbox + "'");
        }
    }

    /** A report whose tests ran without a sandbox (or did not run). */
    public GradeReport(List<ExerciseResult> exercises, double score, double maxScore, List<String> warnings,
                       double seconds, List<String> tamperedFiles) {
        this(exercises, score, maxScore, warnings, seconds, tamperedFiles, "none");
    }

    /** A report without tampered files. */
    public GradeReport(List<ExerciseResult> exercises, double score, double maxScore, List<String> warnings,
                       double seconds) {
        this(exercises, score, maxScore, warnings, seconds, List.of());
    }
}
