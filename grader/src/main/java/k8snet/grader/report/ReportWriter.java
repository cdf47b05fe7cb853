package k8snet.grader.report;

import java.nio.file.Path;

/** Writes every report of one graded submission into one folder. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * Writes {@code results.json} (Gradescope), {@code report.json} (the kit's own), {@code report.md}
     * and {@code junit.xml} (for CI servers).
     */
    public static void writeAll(GradedSubmission graded, Path dir) {
        GradescopeResults.write(graded, dir);
        KitReport.write(graded, dir);
        MarkdownReport.write(graded, dir);
        JUnitXml.write(graded, dir);
    }
}
