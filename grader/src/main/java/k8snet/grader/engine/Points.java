package k8snet.grader.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact points: every score the grader reports is a whole number of hundredths of a point, so sums are
 * exact (no 69.997 beside a total of 70).
 *
 * <p>Points are shared among tests with {@link #split(long, int)}, the largest-remainder method on
 * hundredths: each of {@code n} tests gets {@code total / n} hundredths and the first
 * {@code total % n} of them one more, so the shares add up to exactly {@code total}. For example 10 points
 * over 3 tests are 3.34, 3.33 and 3.33.
 */
public final class Points {

    /** Scores carry this many decimals. */
    public static final int DECIMALS = 2;

    private Points() {
    }

    /**
     * Shares {@code total} hundredths among {@code n} tests: equal shares, the remainder one hundredth each to
     * the first tests.
     *
     * @throws IllegalArgumentException when {@code total} is negative or {@code n} is not positive
     */
    public static long[] split(long total, int n) {
        if (total < 0) {
            throw new IllegalArgumentException("Points to share must not be negative: " + total + " hundredths");
        }
        if (n < 1) {
            throw new IllegalArgumentException("Points are shared among at least one test, not " + n);
        }
        long[] shares = new long[n];
        long each = total / n;
        long rest = total % n;
        for (int i = 0; i < n; i++) {
            shares[i] = each + (i < rest ? 1 : 0);
        }
        return shares;
    }

    /** A score (a whole number of hundredths held in a double) as hundredths. */
    public static long hundredths(double points) {
        if (Double.isNaN(points) || Double.isInfinite(points)) {
            throw new IllegalArgumentException("Points must be a finite number, not " + points);
        }
        return Math.round(points * 100);
    }

    /** Hundredths as points, for the records that hold doubles. */
    public static double points(long hundredths) {
        return hundredths / 100.0;
    }

    /** Hundredths as an exact decimal with two places, such as 6.67. */
    public static BigDecimal exact(long hundredths) {
        return BigDecimal.valueOf(hundredths, DECIMALS);
    }

    /** A score as an exact decimal with two places. */
    public static BigDecimal exact(double points) {
        return exact(hundredths(points));
    }

    /**
     * Points an instructor wrote (such as {@code 1.5}) as hundredths.
     *
     * @throws IllegalArgumentException when the value is negative or has more than two decimals
     */
    public static long parse(BigDecimal points) {
        if (points.signum() < 0) {
            throw new IllegalArgumentException("points must not be negative: " + points.toPlainString());
        }
        try {
            return points.setScale(DECIMALS, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("points have at most " + DECIMALS + " decimals: "
                    + points.toPlainString(), e);
        }
    }
}
