package k8snet.grader.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import k8snet.grader.board.Messages;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

/** Markdown pieces shared by {@code report.md} and the Markdown outputs of {@code results.json}. */
final class MarkdownText {

    /** A failure message is cut after this many lines (packet traces can be long). */
    static final int MAX_MESSAGE_LINES = 30;

    /** A list of failing tests shows at most this many; report.json has them all. */
    static final int MAX_FAILURES = 10;

    private MarkdownText() {
    }

    /** Inline text on one line, with the characters Markdown would read as emphasis or code escaped. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.replace("\r", "").replace("\n", " ").toCharArray()) {
            if ("\\*_`|[]<".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A fenced block of text, with a fence of backticks longer than any run of backticks or tildes in the lines,
     * so no line can close it early (CommonMark: a closing fence is at least as long as the opening one), and
     * the lines' control characters made visible ({@link PlainText}).
     */
    static void block(StringBuilder md, List<String> lines) {
        String fence = fence(lines);
        md.append(fence).append("text\n");
        lines.forEach(l -> md.append(PlainText.visible(l)).append('\n'));
        md.append(fence).append("\n\n");
    }

    /** Backticks, three or one more than the longest run of backticks or tildes in {@code lines}. */
    static String fence(List<String> lines) {
        int longest = 0;
        for (String l : lines) {
            int run = 0;
            char last = 0;
            for (char c : l.toCharArray()) {
                run = (c == '`' || c == '~') && c == last ? run + 1 : (c == '`' || c == '~') ? 1 : 0;
                last = c;
                longest = Math.max(longest, run);
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** How a test ended, in a word or two: failed, timed out, crashed, not run, compile error. */
    static String status(TestStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * A list of failing tests, each with its message (as students see it, cut after
     * {@link #MAX_MESSAGE_LINES} lines), at most {@link #MAX_FAILURES}; {@code outputChars} &gt; 0 adds
     * the captured output of each, cut there. The tests that did not run follow, every one named, under
     * their reason ({@link #notRun}).
     */
    static void failures(StringBuilder md, List<TestResult> all, int outputChars) {
        List<TestResult> failing = all.stream().filter(t -> t.status() != TestStatus.NOT_RUN).toList();
        int shown = 0;
        for (TestResult t : failing) {
            if (shown++ == MAX_FAILURES) {
                md.append("- ... and ").append(failing.size() - MAX_FAILURES)
                        .append(" more failing tests (all of them are in report.json)\n\n");
                break;
            }
            md.append("- **").append(inline(t.name())).append("** (").append(status(t.status())).append(")\n");
            List<String> lines = new ArrayList<>();
            if (!t.message().isBlank()) {
                lines.addAll(Messages.forStudent(t.message()));
                if (lines.size() > MAX_MESSAGE_LINES) {
                    lines = new ArrayList<>(lines.subList(0, MAX_MESSAGE_LINES));
                    lines.add("... (message cut; see report.json)");
                }
            }
            if (outputChars > 0 && !t.output().isBlank()) {
                lines.add("");
                lines.add("Output:");
                String captured = t.output().length() > outputChars
                        ? t.output().substring(0, outputChars) + "\n... (output cut)" : t.output();
                lines.addAll(captured.lines().toList());
            }
            if (!lines.isEmpty()) {
                md.append('\n');
                block(md, lines.stream().map(l -> "  " + l).toList());
            }
        }
        notRun(md, all.stream().filter(t -> t.status() == TestStatus.NOT_RUN).toList());
    }

    /** A test list is cut after this many names; report.json has them all. */
    static final int MAX_NOT_RUN_NAMES = 50;

    /** The tests that did not run, each named, grouped under the reason they did not run. */
    static void notRun(StringBuilder md, List<TestResult> notRun) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (TestResult t : notRun) {
            String reason = t.message().strip().replaceFirst("^not run: ", "");
            byReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(t.name());
        }
        byReason.forEach((reason, names) -> {
            md.append("- **Not run** (").append(names.size()).append(names.size() == 1 ? " test" : " tests")
                    .append("): ").append(inline(reason)).append('\n');
            names.stream().limit(MAX_NOT_RUN_NAMES).forEach(n -> md.append("  - ").append(inline(n)).append('\n'));
            if (names.size() > MAX_NOT_RUN_NAMES) {
                md.append("  - ... and ").append(names.size() - MAX_NOT_RUN_NAMES).append(" more\n");
            }
            md.append('\n');
        });
    }
}
