package k8snet.grader.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.TestResult;

/** Scores for output: exact hundredths (see {@link Points}), printed with at most two decimals. */
final class Scores {

    private Scores() {
    }

    static long passed(ExerciseResult r) {
        return r.tests().stream().filter(TestResult::passed).count();
    }

    /** The total in hundredths: the sum of the exercises' exact scores. */
    static long total(GradeReport report) {
        return report.exercises().stream().mapToLong(r -> Points.hundredths(r.score())).sum();
    }

    /** The maximum in hundredths. */
    static long max(GradeReport report) {
        return report.exercises().stream().mapToLong(r -> Points.hundredths(r.maxScore())).sum();
    }

    /** Rounded to four decimals (half up), for times and other measures that are not points. */
    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    /** For CSV and Markdown: at most two decimals, no trailing zeros. */
    static String text(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Hundredths as text: at most two decimals, no trailing zeros. */
    static String points(long hundredths) {
        return Points.exact(hundredths).stripTrailingZeros().toPlainString();
    }
}
