package k8snet.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

/**
 * {@code junit.xml}: the results in the XML format of Apache Ant's JUnit task, which CI servers read
 * (Jenkins' JUnit plugin among them): {@code <testsuites>} with one {@code <testsuite>} per exercise.
 *
 * <p>The shape the Ant format demands: every suite has {@code name}, {@code package}, {@code id},
 * {@code timestamp} (local time, no zone), {@code hostname}, {@code tests}, {@code failures},
 * {@code errors}, {@code skipped} and {@code time}, then {@code <properties>}, its test cases, and
 * {@code <system-out>} and {@code <system-err>}. A test case holds at most one of:
 * <ul>
 *   <li>{@code <failure type="...">}: an assertion failed ({@link AssertionError} or a subclass, such as
 *       opentest4j's AssertionFailedError);</li>
 *   <li>{@code <error type="...">}: anything else went wrong: an unexpected exception (its class is the
 *       type), a timeout, a crash, a test that never ran, code that does not compile (the grader's status is
 *       the type);</li>
 *   <li>{@code <skipped>}: the test was aborted (a failed assumption); it earns no points.</li>
 * </ul>
 * The format has no output per test case, so each suite's {@code <system-out>} holds its tests' captured
 * output, each under a {@code --- test name ---} line. Hidden tests are included, their names prefixed with
 * {@code [hidden]}: this file is for the instructor, not for students.
 */
public final class JUnitXml {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss",
            Locale.ROOT);
    private static final String ABORTED = "org.opentest4j.TestAbortedException";

    private JUnitXml() {
    }

    /** The XML, stamped with the current time and this machine's name. */
    public static String render(GradedSubmission graded) {
        return render(graded, LocalDateTime.now(), hostname());
    }

    /** The XML, stamped with {@code timestamp} (seconds are kept) and {@code hostname}. */
    public static String render(GradedSubmission graded, LocalDateTime timestamp, String hostname) {
        if (timestamp == null || hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("junit.xml needs a timestamp and a host name, not " + timestamp
                    + " and '" + hostname + "'");
        }
        GradeReport report = graded.report();
        String stamp = TIMESTAMP.format(timestamp.truncatedTo(ChronoUnit.SECONDS));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        int id = 0;
        for (ExerciseResult r : report.exercises()) {
            suite(xml, graded, r, id++, stamp, hostname.strip());
        }
        xml.append("</testsuites>\n");
        return xml.toString();
    }

    private static void suite(StringBuilder xml, GradedSubmission graded, ExerciseResult r, int id, String stamp,
                              String hostname) {
        List<TestResult> results = r.tests();
        boolean compileOnly = results.isEmpty();
        int failures = 0;
        int errors = compileOnly ? 1 : 0;
        int skipped = 0;
        for (TestResult t : results) {
            switch (outcome(t)) {
                case "failure" -> failures++;
                case "error" -> errors++;
                case "skipped" -> skipped++;
                default -> { }
            }
        }
        xml.append("  <testsuite name=\"").append(attr(r.exercise().id() + " " + r.exercise().title()))
                .append("\" package=\"").append(attr(r.exercise().module())).append("\" id=\"").append(id)
                .append("\" timestamp=\"").append(stamp).append("\" hostname=\"").append(attr(hostname))
                .append("\" tests=\"").append(compileOnly ? 1 : results.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"").append(skipped).append("\" time=\"")
                .append(seconds(results.stream().mapToDouble(TestResult::seconds).sum())).append("\">\n");
        xml.append("    <properties>\n");
        property(xml, "submission", graded.name());
        property(xml, "exercise", r.exercise().id());
        property(xml, "status", r.status().name());
        property(xml, "score", Points.exact(r.score()).toPlainString());
        property(xml, "maxScore", Points.exact(r.maxScore()).toPlainString());
        xml.append("    </properties>\n");
        if (compileOnly) {
            String why = graded.error().map(err -> "The grader failed on this submission: " + err)
                    .orElse(r.status() == ExerciseStatus.DOES_NOT_COMPILE
                            ? "Does not compile:\n" + String.join("\n", r.compilerMessages())
                            : "No graded test ran for this exercise.");
            xml.append("    <testcase name=\"").append(attr(r.exercise().id() + " build")).append("\" classname=\"")
                    .append(attr(r.exercise().module())).append("\" time=\"0\">\n")
                    .append("      <error message=\"").append(attr(firstLine(why))).append("\" type=\"")
                    .append(graded.error().isPresent() ? "GRADER_ERROR" : r.status().name()).append("\">")
                    .append(text(why)).append("</error>\n    </testcase>\n");
        }
        StringBuilder out = new StringBuilder();
        for (TestResult t : results) {
            testcase(xml, r, t);
            if (!t.output().isBlank()) {
                out.append("--- ").append(name(t)).append(" ---\n").append(t.output());
                if (!t.output().endsWith("\n")) {
                    out.append('\n');
                }
            }
        }
        xml.append("    <system-out>").append(text(out.toString())).append("</system-out>\n");
        xml.append("    <system-err></system-err>\n");
        xml.append("  </testsuite>\n");
    }

    private static void testcase(StringBuilder xml, ExerciseResult r, TestResult t) {
        String classname = t.testClass().isBlank() ? r.exercise().module() : t.testClass();
        xml.append("    <testcase name=\"").append(attr(name(t))).append("\" classname=\"").append(attr(classname))
                .append("\" time=\"").append(seconds(t.seconds())).append('"');
        String outcome = outcome(t);
        if (outcome.isEmpty()) {
            xml.append("/>\n");
            return;
        }
        String message = t.status() == TestStatus.COMPILE_ERROR && t.message().isBlank()
                ? String.join("\n", r.compilerMessages()) : t.message();
        xml.append(">\n      <").append(outcome).append(" message=\"").append(attr(firstLine(message))).append('"');
        if (!outcome.equals("skipped")) {
            xml.append(" type=\"").append(attr(type(t))).append('"');
        }
        xml.append('>').append(text(message)).append("</").append(outcome).append(">\n    </testcase>\n");
    }

    /** "failure", "error", "skipped", or "" for a test that passed. */
    static String outcome(TestResult t) {
        if (t.passed()) {
            return "";
        }
        if (t.status() == TestStatus.FAILED) {
            if (t.exception().equals(ABORTED) || t.message().startsWith("aborted: ")) {
                return "skipped";
            }
            return t.assertion() ? "failure" : "error";
        }
        return "error";
    }

    private static String type(TestResult t) {
        if (t.status() == TestStatus.FAILED || t.status() == TestStatus.TIMED_OUT) {
            if (!t.exception().isBlank()) {
                return t.exception();
            }
            if (t.status() == TestStatus.FAILED) {
                return t.assertion() ? AssertionError.class.getName() : "UNKNOWN_EXCEPTION";
            }
        }
        return t.status().name();
    }

    private static String name(TestResult t) {
        String name = t.name().isBlank() ? t.testClass() : t.name();
        return t.hidden() ? "[hidden] " + name : name;
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("      <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value))
                .append("\"/>\n");
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

    /** This machine's name, or {@code localhost} (as the Ant format asks) when it cannot be found. */
    static String hostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (IOException | SecurityException e) {
            return "localhost";
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
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
