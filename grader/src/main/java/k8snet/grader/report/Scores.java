package k8snet.grader.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.TestStatus;

/** How points are shared among tests and rounded for output. */
final class Scores {

    private Scores() {
    }

    /** Each test of an exercise is worth an equal share of its points. */
    static double share(ExerciseResult r) {
        return r.tests().isEmpty() ? r.exercise().points() : (double) r.exercise().points() / r.tests().size();
    }

    static long passed(ExerciseResult r) {
        return r.tests().stream().filter(t -> t.status() == TestStatus.PASSED).count();
    }

    /** Rounded to four decimals (half up), so 20/3 prints as 6.6667 rather than 6.666666666666667. */
    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    /** For CSV and Markdown: at most two decimals, no trailing zeros. */
    static String text(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
