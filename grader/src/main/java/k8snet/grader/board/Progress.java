package k8snet.grader.board;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Progress of a batch: a bar redrawn in place on a terminal, one plain line per item otherwise
 * (a CI log or a file must not fill with carriage returns).
 */
public final class Progress {

    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private int lastWidth;

    public Progress(PrintWriter out, boolean terminal, int total) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.total = total;
    }

    /** Announces that item {@code index} (1-based) is being worked on. */
    public void starting(int index, String name) {
        if (terminal) {
            redraw(bar(index - 1) + " " + index + "/" + total + " grading " + name);
        }
    }

    /** Reports one finished item with a short result. */
    public void finished(int index, String name, String result) {
        if (terminal) {
            redraw(bar(index) + " " + index + "/" + total + " " + name + ": " + result);
            if (index == total) {
                out.print('\n');
            }
        } else {
            out.println("[" + index + "/" + total + "] " + name + ": " + result);
        }
        out.flush();
    }

    private void redraw(String line) {
        String padded = line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
        lastWidth = line.length();
        out.print("\r" + padded);
        out.flush();
    }

    /** The bar for {@code done} finished items, such as {@code [#########.....]}. */
    String bar(int done) {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) done * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }
}
