package k8snet.grader.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

/**
 * Every failing test of one exercise, in {@link TestOrder}, under the group it belongs to (its class and
 * nested classes, by display name): the first in full (its message and what the student's code printed),
 * the rest on one line each with the first line of their message, or all in full when asked. An exercise
 * not started yet fails every test the same way, so past the first one only the number per group is shown.
 */
final class FailureList {

    /** Captured output is cut after this many lines. */
    static final int MAX_OUTPUT_LINES = 20;

    /** A one-line entry is cut to this many characters. */
    static final int LINE_WIDTH = 110;

    private final TestOrder order;
    private final boolean all;
    private final Style style;

    FailureList(TestOrder order, boolean all, Style style) {
        this.order = order;
        this.all = all;
        this.style = style;
    }

    void append(StringBuilder out, ExerciseResult r) {
        List<TestResult> failing = order.sorted(r, r.tests().stream().filter(t -> t.status() != TestStatus.PASSED)
                .toList());
        if (r.tests().isEmpty()) {
            out.append("\n  No graded test ran for this exercise.\n");
            return;
        }
        if (failing.isEmpty()) {
            return;
        }
        out.append('\n').append("  ").append(failing.size()).append(" of ").append(r.tests().size())
                .append(r.tests().size() == 1 ? " test fails" : " tests fail")
                .append(failing.size() > 1 ? ", the most basic first:" : ":").append('\n');
        if (r.status() == ExerciseStatus.NOT_STARTED && !all) {
            appendNotStarted(out, failing);
            return;
        }
        // A test that timed out or crashed the JVM comes first: it is why the tests after it did not run. Those
        // are one line together unless every failure is one of them, or all is asked for.
        List<TestResult> listed = new ArrayList<>(failing.stream().filter(FailureList::stoppedTheRest).toList());
        failing.stream().filter(t -> !stoppedTheRest(t) && t.status() != TestStatus.NOT_RUN).forEach(listed::add);
        List<TestResult> notRun = failing.stream().filter(t -> t.status() == TestStatus.NOT_RUN).toList();
        boolean summarise = !all && !notRun.isEmpty() && !listed.isEmpty();
        if (!summarise) {
            listed.addAll(notRun);
        }
        String group = null;
        for (int i = 0; i < listed.size(); i++) {
            TestResult t = listed.get(i);
            TestNames.Split name = TestNames.split(t);
            if (!name.groupLine().equals(group)) {
                group = name.groupLine();
                out.append('\n').append("  ").append(style.bold(group.isEmpty() ? t.testClass() : group)).append('\n');
            }
            if (all || i == 0) {
                appendInFull(out, t, name.test());
            } else {
                appendOneLine(out, t, name.test());
            }
        }
        if (summarise) {
            String why = firstLine(notRun.get(0)).replaceFirst("^not run: ", "");
            out.append('\n').append("  ").append(style.dim(notRun.size() + (notRun.size() == 1 ? " more test" : " more tests")
                    + " did not run" + (why.isEmpty() ? "" : " (" + why + ")") + "; --all lists them.")).append('\n');
        }
    }

    private static boolean stoppedTheRest(TestResult t) {
        return t.status() == TestStatus.TIMED_OUT || t.status() == TestStatus.CRASHED;
    }

    /** The first failure in full, then per group how many tests still meet a stub. */
    private void appendNotStarted(StringBuilder out, List<TestResult> failing) {
        TestResult first = failing.get(0);
        TestNames.Split name = TestNames.split(first);
        out.append('\n').append("  ").append(style.bold(name.groupLine())).append('\n');
        appendInFull(out, first, name.test());
        Map<String, Integer> perGroup = new LinkedHashMap<>();
        for (TestResult t : failing.subList(1, failing.size())) {
            perGroup.merge(TestNames.split(t).groupLine(), 1, Integer::sum);
        }
        if (!perGroup.isEmpty()) {
            out.append('\n').append("  The other ").append(failing.size() - 1)
                    .append(" fail the same way until the stubs are replaced:\n");
            perGroup.forEach((g, n) -> out.append("    ").append(g).append(": ").append(n)
                    .append(n == 1 ? " test" : " tests").append('\n'));
        }
    }

    private void appendInFull(StringBuilder out, TestResult t, String name) {
        out.append("    ").append(style.red(Board.failureLabel(t.status()))).append(' ').append(style.bold(name))
                .append('\n');
        if (!t.message().isBlank()) {
            Board.appendLines(out, Messages.forStudent(t.message()), Board.MAX_MESSAGE_LINES, "      ");
        }
        if (!t.output().isBlank()) {
            out.append("      ").append(style.dim("Printed while this test ran (System.out and System.err):"))
                    .append('\n');
            Board.appendLines(out, t.output().strip().lines().toList(), MAX_OUTPUT_LINES, "      | ");
        }
    }

    private void appendOneLine(StringBuilder out, TestResult t, String name) {
        String label = Board.failureLabel(t.status());
        String line = "    " + label + " " + name;
        if (!t.output().isBlank()) {
            long lines = t.output().strip().lines().count();
            line += " (printed " + lines + (lines == 1 ? " line)" : " lines)");
        }
        String first = firstLine(t);
        if (!first.isEmpty()) {
            line += " -- " + first;
        }
        if (line.length() > LINE_WIDTH) {
            line = line.substring(0, LINE_WIDTH - 3) + "...";
        }
        // Colour only the label, after cutting, so the escape codes are never cut in half.
        out.append(line.replaceFirst(Pattern.quote(label), java.util.regex.Matcher.quoteReplacement(
                style.red(label)))).append('\n');
    }

    /**
     * The first line of a failure message: an AssertJ description ({@code [expected ... (why)]}) without its
     * brackets, since it is the test's own words; otherwise the first line that is not blank.
     */
    static String firstLine(TestResult t) {
        for (String l : Messages.forStudent(t.message())) {
            String s = l.strip();
            if (s.startsWith("[") && s.endsWith("]") && s.length() > 2) {
                return s.substring(1, s.length() - 1).strip();
            }
            if (!s.isEmpty()) {
                return s;
            }
        }
        return "";
    }
}
