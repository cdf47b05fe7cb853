package k8snet.grader.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.TestResult;

/**
 * {@code report.json}, the kit's own machine-readable report, for the instructor: everything the engine
 * found, per test and per exercise (with ids, statuses, points, compiler messages and timings), hidden tests
 * included and marked, the total, the warnings, the tampered files and the sandbox the tests ran in
 * ({@code bubblewrap}, {@code unshare} or {@code none}). Scores are exact hundredths.
 */
public final class KitReport {

    /**
     * The whole file. {@code isolation} is {@code none} or {@code isolated} ({@link Isolation}); {@code sandbox}
     * is what the test JVMs ran in; {@code error} is null unless the grader itself failed on the submission.
     */
    public record Report(String submission, BigDecimal score, BigDecimal maxScore, double seconds, String isolation,
                         String error, List<String> warnings, List<String> tamperedFiles, String sandbox,
                         List<Exercise> exercises) {
    }

    /**
     * One exercise; {@code points} are its own (from course.yaml), {@code maxScore} adds its hidden tests'
     * points.
     */
    public record Exercise(String id, String title, String module, String status, BigDecimal score, int points,
                           BigDecimal maxScore, long passed, int total, List<String> compilerMessages,
                           List<Test> tests) {
    }

    /** One test; {@code exception} is the class of what it threw, "" when nothing. */
    public record Test(String testClass, String name, String uniqueId, String status, boolean hidden,
                       BigDecimal score, BigDecimal maxScore, String message, String exception, String output,
                       double seconds) {
    }

    private KitReport() {
    }

    public static Report of(GradedSubmission graded) {
        GradeReport report = graded.report();
        List<Exercise> exercises = report.exercises().stream().map(KitReport::exercise).toList();
        return new Report(graded.name(), Points.exact(Scores.total(report)), Points.exact(Scores.max(report)),
                Scores.round(report.seconds()), graded.isolation().label(), graded.error().orElse(null),
                report.warnings(), report.tamperedFiles(), report.sandbox(), exercises);
    }

    /** Writes {@code dir/report.json}. */
    public static void write(GradedSubmission graded, Path dir) {
        Json.write(dir.resolve("report.json"), of(graded));
    }

    private static Exercise exercise(ExerciseResult r) {
        List<Test> tests = r.tests().stream().map(KitReport::test).toList();
        return new Exercise(r.exercise().id(), r.exercise().title(), r.exercise().module(), r.status().name(),
                Points.exact(r.score()), r.exercise().points(), Points.exact(r.maxScore()), Scores.passed(r),
                r.tests().size(), r.compilerMessages(), tests);
    }

    private static Test test(TestResult t) {
        long points = Points.hundredths(t.points());
        return new Test(t.testClass(), t.name(), t.uniqueId(), t.status().name(), t.hidden(),
                Points.exact(t.passed() ? points : 0), Points.exact(points), t.message(), t.exception(), t.output(),
                Scores.round(t.seconds()));
    }
}
