package k8snet.grader.report;

import java.util.ArrayList;
import java.util.List;
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

    /** A fenced block of text, with a fence the lines cannot close early. */
    static void block(StringBuilder md, List<String> lines) {
        String fence = lines.stream().anyMatch(l -> l.contains("```")) ? "~~~~" : "```";
        md.append(fence).append("text\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append(fence).append("\n\n");
    }

    /** How a test ended, in a word or two: failed, timed out, crashed, not run, compile error. */
    static String status(TestStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * A list of failing tests, each with its message (as students see it, cut after
     * {@link #MAX_MESSAGE_LINES} lines), at most {@link #MAX_FAILURES}; {@code outputChars} &gt; 0 adds
     * the captured output of each, cut there.
     */
    static void failures(StringBuilder md, List<TestResult> failing, int outputChars) {
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
    }
}
