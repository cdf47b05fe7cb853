package k8snet.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

/**
 * {@code junit.xml}: the results in the JUnit XML shape that CI servers display (one test suite per
 * exercise). A failed assertion is a {@code <failure>}; a timeout, a crash, a test that never ran and
 * code that does not compile are {@code <error>}s.
 */
public final class JUnitXml {

    private JUnitXml() {
    }

    public static String render(GradedSubmission graded) {
        GradeReport report = graded.report();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0;
        int failures = 0;
        int errors = 0;
        StringBuilder suites = new StringBuilder();
        for (ExerciseResult r : report.exercises()) {
            List<TestResult> results = r.tests();
            int f = (int) results.stream().filter(t -> t.status() == TestStatus.FAILED).count();
            int e = (int) results.stream().filter(t -> t.status() != TestStatus.FAILED
                    && t.status() != TestStatus.PASSED).count();
            boolean compileOnly = results.isEmpty();
            int n = compileOnly ? 1 : results.size();
            if (compileOnly) {
                e = 1;
            }
            tests += n;
            failures += f;
            errors += e;
            suites.append("  <testsuite name=\"").append(attr(r.exercise().id() + " " + r.exercise().title()))
                    .append("\" tests=\"").append(n).append("\" failures=\"").append(f).append("\" errors=\"")
                    .append(e).append("\" skipped=\"0\" time=\"")
                    .append(seconds(results.stream().mapToDouble(TestResult::seconds).sum())).append("\">\n");
            if (compileOnly) {
                String why = graded.error().map(err -> "The grader failed on this submission: " + err)
                        .orElse(r.status() == ExerciseStatus.DOES_NOT_COMPILE
                                ? "Does not compile:\n" + String.join("\n", r.compilerMessages())
                                : "No graded test ran for this exercise.");
                suites.append("    <testcase classname=\"").append(attr(r.exercise().module())).append("\" name=\"")
                        .append(attr(r.exercise().id() + " build")).append("\" time=\"0\">\n")
                        .append("      <error message=\"").append(attr(firstLine(why)))
                        .append("\" type=\"").append(r.status().name()).append("\">").append(text(why))
                        .append("</error>\n    </testcase>\n");
            }
            for (TestResult t : results) {
                suites.append("    <testcase classname=\"").append(attr(t.testClass())).append("\" name=\"")
                        .append(attr(t.name())).append("\" time=\"").append(seconds(t.seconds())).append('"');
                if (t.status() == TestStatus.PASSED && t.output().isBlank()) {
                    suites.append("/>\n");
                    continue;
                }
                suites.append(">\n");
                if (t.status() != TestStatus.PASSED) {
                    String message = t.status() == TestStatus.COMPILE_ERROR && t.message().isBlank()
                            ? String.join("\n", r.compilerMessages()) : t.message();
                    String element = t.status() == TestStatus.FAILED ? "failure" : "error";
                    suites.append("      <").append(element).append(" message=\"").append(attr(firstLine(message)))
                            .append("\" type=\"").append(t.status().name()).append("\">").append(text(message))
                            .append("</").append(element).append(">\n");
                }
                if (!t.output().isBlank()) {
                    suites.append("      <system-out>").append(text(t.output())).append("</system-out>\n");
                }
                suites.append("    </testcase>\n");
            }
            suites.append("  </testsuite>\n");
        }
        xml.append("<testsuites name=\"").append(attr(graded.name())).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" time=\"").append(seconds(report.seconds())).append("\">\n");
        xml.append(suites).append("</testsuites>\n");
        return xml.toString();
    }

    /** Writes {@code dir/junit.xml}. */
    public static void write(GradedSubmission graded, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("junit.xml"), render(graded), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve("junit.xml") + ": " + e.getMessage(), e);
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\t", "&#9;");
    }

    /** Escaped for XML 1.0 text, without the control characters XML 1.0 cannot carry at all. */
    private static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    out.appendCodePoint(legal ? c : '?');
                }
            }
        });
        return out.toString();
    }
}
