package k8snet.grader.report;

import k8snet.grader.engine.HiddenTestsFile;
import k8snet.grader.engine.Visibility;

/**
 * How the reports are written.
 *
 * @param perTest one {@code results.json} row per test instead of one per exercise
 * @param hiddenVisibility when students may see the hidden tests' results (from {@code hidden-tests.yaml});
 *     unless it is {@link Visibility#VISIBLE}, nothing about a hidden test but its points appears in what
 *     students see before then
 */
public record ReportOptions(boolean perTest, Visibility hiddenVisibility) {

    public ReportOptions {
        if (hiddenVisibility == null) {
            throw new IllegalArgumentException("hiddenVisibility must not be null (use "
                    + HiddenTestsFile.DEFAULT_VISIBILITY + ")");
        }
    }

    /** One row per exercise; hidden tests shown when grades are published. */
    public static ReportOptions defaults() {
        return new ReportOptions(false, HiddenTestsFile.DEFAULT_VISIBILITY);
    }
}
