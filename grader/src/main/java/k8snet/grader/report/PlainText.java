package k8snet.grader.report;

/**
 * Makes text that came from a submission safe to show on a terminal or in a file an instructor opens: every
 * control character except tab and line feed is written out as a visible escape such as {@code \u001B}, so an
 * ANSI sequence in a failure message cannot clear the screen, retitle the window or paint a fake score, and a
 * carriage return cannot overwrite the line before it. The characters replaced are C0 controls (U+0000 to
 * U+001F but tab and line feed), DEL (U+007F), C1 controls (U+0080 to U+009F) and the bidirectional embedding,
 * override and isolate controls (U+202A to U+202E, U+2066 to U+2069; the "Trojan Source" paper, CVE-2021-42574)
 * that can make text display in another order than it reads. A carriage return before a line feed is dropped.
 */
public final class PlainText {

    private PlainText() {
    }

    /** The text with each unsafe character replaced by its {@code \}{@code uXXXX} escape; null gives "". */
    public static String visible(String text) {
        if (text == null) {
            return "";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (unsafe(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether this character would be replaced by {@link #visible}. */
    public static boolean unsafe(char c) {
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
