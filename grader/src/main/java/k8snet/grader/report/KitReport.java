package k8snet.grader.report;

import java.nio.file.Path;
import java.util.List;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

/**
 * {@code report.json}, the kit's own machine-readable report: everything the engine found, per test and
 * per exercise (with ids, statuses, compiler messages and timings), the total, and the warnings.
 */
public final class KitReport {

    /** The whole file. {@code error} is null unless the grader itself failed on the submission. */
    public record Report(String submission, double score, double maxScore, double seconds, String error,
                         List<String> warnings, List<Exercise> exercises) {
    }

    /** One exercise. */
    public record Exercise(String id, String title, String module, String status, double score, int points,
                           long passed, int total, List<String> compilerMessages, List<Test> tests) {
    }

    /** One test. */
    public record Test(String testClass, String name, String uniqueId, String status, double score,
                       double maxScore, String message, String output, double seconds) {
    }

    private KitReport() {
    }

    public static Report of(GradedSubmission graded) {
        GradeReport report = graded.report();
        List<Exercise> exercises = report.exercises().stream().map(KitReport::exercise).toList();
        return new Report(graded.name(), Scores.round(report.score()), Scores.round(report.maxScore()),
                Scores.round(report.seconds()), graded.error().orElse(null), report.warnings(), exercises);
    }

    /** Writes {@code dir/report.json}. */
    public static void write(GradedSubmission graded, Path dir) {
        Json.write(dir.resolve("report.json"), of(graded));
    }

    private static Exercise exercise(ExerciseResult r) {
        double share = Scores.share(r);
        List<Test> tests = r.tests().stream().map(t -> test(t, share)).toList();
        return new Exercise(r.exercise().id(), r.exercise().title(), r.exercise().module(), r.status().name(),
                Scores.round(r.score()), r.exercise().points(), Scores.passed(r), r.tests().size(),
                r.compilerMessages(), tests);
    }

    private static Test test(TestResult t, double share) {
        boolean passed = t.status() == TestStatus.PASSED;
        return new Test(t.testClass(), t.name(), t.uniqueId(), t.status().name(), passed ? Scores.round(share) : 0,
                Scores.round(share), t.message(), t.output(), Scores.round(t.seconds()));
    }
}
