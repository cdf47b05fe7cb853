package k8snet.grader.report;

import java.nio.file.Path;

/** Writes every report of one graded submission into one folder. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** {@link #writeAll(GradedSubmission, Path, ReportOptions)} with the default options. */
    public static void writeAll(GradedSubmission graded, Path dir) {
        writeAll(graded, dir, ReportOptions.defaults());
    }

    /**
     * Writes {@code results.json} (Gradescope) and {@code report.md}, which students may see, and
     * {@code report.json} (the kit's own) and {@code junit.xml} (for CI servers), which are for the instructor.
     */
    public static void writeAll(GradedSubmission graded, Path dir, ReportOptions options) {
        if (graded == null || dir == null || options == null) {
            throw new IllegalArgumentException("writeAll needs a graded submission, a folder and options");
        }
        GradescopeResults.write(graded, dir, options);
        KitReport.write(graded, dir);
        MarkdownReport.write(graded, dir, options);
        JUnitXml.write(graded, dir);
    }
}
