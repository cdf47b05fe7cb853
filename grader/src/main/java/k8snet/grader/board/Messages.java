package k8snet.grader.board;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failure messages as a student should read them (the board, report.md, Gradescope's results).
 *
 * <ul>
 *   <li>Stack frames of the JDK, JUnit, AssertJ and QuickTheories say nothing about the student's code, so
 *       only the course's own frames ({@code k8snet.*}, not the grader's or the test kit's) stay, and AssertJ's
 *       note on how many lines it left out goes too.</li>
 *   <li>A frame names code the way its source does: {@code k8snet.labels.Selector.Parser.error(Selector.java:241)}
 *       for {@code Selector$Parser}, {@code new k8snet.nodeport.HealthCheck(HealthCheck.java:25)} for a
 *       constructor, the enclosing method for a lambda. A frame of a graded test is only its place,
 *       {@code the test (CidrTest.java:444)}, and the frames below it (the test's own callers) are left out.
 *       The timeout's "called from" text is named the same way.</li>
 *   <li>A test that ended on an exception rather than a failed assertion says so first ("An exception this
 *       test did not expect:"), then the exception's class, without {@code java.lang.}, and its message. A
 *       stub's {@code UnsupportedOperationException("Exercise 1.1: ...")} needs no such line.</li>
 * </ul>
 */
public final class Messages {

    /** The line the board puts before an exception that ended a test. */
    static final String UNEXPECTED = "An exception this test did not expect:";

    private static final Pattern FRAME = Pattern.compile(
            "^\\s*(at \\S+\\(.*\\)\\s*|\\.\\.\\. ?\\(?\\d+ (more|remaining lines).*)$");
    private static final Pattern STACK_LINE = Pattern.compile("^(\\s*)at ([\\w$.]+)\\.([\\w$<>]+)\\(([^)]*)\\)\\s*$");
    /** A frame written as {@code Class.method(File.java:9)}, as the timeout's "called from" text has them. */
    private static final Pattern SHORT_FRAME = Pattern.compile(
            "\\b([A-Z][\\w]*(?:\\$[\\w$]+)?)\\.([\\w$<>]+)\\(([\\w]+\\.java(?::\\d+)?)\\)");
    private static final Pattern EXCEPTION_LINE = Pattern.compile(
            "^((?:[a-z_][\\w]*\\.)+)([A-Z][\\w$]*(?:Exception|Error))(: .*)?$");
    private static final Pattern TEST_CLASS = Pattern.compile("[A-Z][\\w]*Tests?");
    private static final Pattern STUB = Pattern.compile("^: Exercise \\d+\\.\\d+");

    private Messages() {
    }

    /** The message's lines, for a student to read (see the class doc). */
    public static List<String> forStudent(String message) {
        List<String> lines = new ArrayList<>();
        boolean inTest = false;
        for (String line : message.strip().lines().toList()) {
            Matcher stack = STACK_LINE.matcher(line);
            if (stack.matches()) {
                String cls = stack.group(2);
                if (!cls.startsWith("k8snet.") || cls.startsWith("k8snet.grader.") || cls.startsWith("k8snet.testkit.")
                        || inTest) {
                    continue;
                }
                String place = frame(cls, stack.group(3), stack.group(4));
                inTest = place.startsWith("the test ");
                lines.add(stack.group(1) + "at " + place);
                continue;
            }
            if (FRAME.matcher(line).matches()) {
                continue;
            }
            inTest = false;
            lines.add(shortFrames(line));
        }
        if (!lines.isEmpty()) {
            Matcher exception = EXCEPTION_LINE.matcher(lines.get(0));
            if (exception.matches() && !exception.group(2).contains("Assertion")
                    && !exception.group(2).equals("MultipleFailuresError")) {
                String rest = exception.group(3) == null ? "" : exception.group(3);
                String pkg = exception.group(1);
                String name = pkg.equals("java.lang.") ? exception.group(2) : pkg + exception.group(2);
                lines.set(0, name + rest);
                if (!(exception.group(2).equals("UnsupportedOperationException") && STUB.matcher(rest).find())) {
                    lines.add(0, UNEXPECTED);
                }
            }
        }
        return lines;
    }

    /**
     * One frame as its source names it: {@code cls} a binary class name, {@code method} the JVM's method name,
     * {@code location} the frame's {@code File.java:line}.
     */
    static String frame(String cls, String method, String location) {
        String topLevel = cls.contains("$") ? cls.substring(0, cls.indexOf('$')) : cls;
        String simple = topLevel.substring(topLevel.lastIndexOf('.') + 1);
        if (TEST_CLASS.matcher(simple).matches()) {
            return "the test (" + location + ")";
        }
        String source = cls.replace('$', '.');
        if (method.equals("<init>")) {
            return "new " + source + "(" + location + ")";
        }
        if (method.equals("<clinit>")) {
            return source + ", its static fields (" + location + ")";
        }
        return source + "." + methodName(method) + "(" + location + ")";
    }

    /** {@code lambda$send$3} is code inside {@code send}. */
    private static String methodName(String method) {
        if (method.startsWith("lambda$")) {
            String[] parts = method.split("\\$");
            return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : method;
        }
        return method;
    }

    private static String shortFrames(String line) {
        Matcher m = SHORT_FRAME.matcher(line);
        if (!m.find()) {
            return line;
        }
        StringBuilder sb = new StringBuilder();
        do {
            String place = frame(m.group(1), m.group(2), m.group(3));
            m.appendReplacement(sb, Matcher.quoteReplacement(place));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
