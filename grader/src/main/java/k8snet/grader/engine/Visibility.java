package k8snet.grader.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * When students may see a hidden test's result, in Gradescope's words
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/, "Controlling test case visibility").
 */
public enum Visibility {
    /** Never shown to students (Gradescope advises it only for tests worth no points). */
    HIDDEN("hidden", "never shown to students"),
    /** Shown after the due date (after the late due date when late submissions are allowed). */
    AFTER_DUE_DATE("after_due_date", "shown after the due date"),
    /** Shown once the instructor publishes the grades. The default for hidden tests. */
    AFTER_PUBLISHED("after_published", "shown when grades are published"),
    /** Always shown: the tests are then hidden only in the sense that students do not have their source. */
    VISIBLE("visible", "shown at once");

    private final String gradescope;
    private final String whenShown;

    Visibility(String gradescope, String whenShown) {
        this.gradescope = gradescope;
        this.whenShown = whenShown;
    }

    /** The value of Gradescope's {@code visibility} field. */
    public String gradescope() {
        return gradescope;
    }

    /** A few words for the student: when the results are shown. */
    public String whenShown() {
        return whenShown;
    }

    /** Whether students may see the results now: only {@link #VISIBLE}. */
    public boolean secret() {
        return this != VISIBLE;
    }

    /**
     * Gradescope's name, such as {@code after_published}.
     *
     * @throws IllegalArgumentException naming the valid values for anything else
     */
    public static Visibility of(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(x -> x.gradescope.equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("visibility must be one of hidden, after_due_date, "
                        + "after_published, visible, not '" + value + "'"));
    }
}
