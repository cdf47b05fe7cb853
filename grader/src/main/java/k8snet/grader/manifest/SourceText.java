package k8snet.grader.manifest;

/**
 * Java source text as javac reads it, for scanners that must not be fooled by it: Unicode escapes
 * translated first (JLS 3.3), then comments, and where asked string, text-block and char literals, blanked
 * with spaces (line breaks kept, so lines and, in a file without escapes, offsets stay put).
 *
 * <pre>{@code
 * SourceText.codeOnly("a(); // b").strip()   // "a();"
 * }</pre>
 */
public final class SourceText {

    private SourceText() {
    }

    /** The source with comments and string, text-block and char literals blanked (line breaks kept). */
    public static String codeOnly(String source) {
        String code = stripComments(source);
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                boolean block = c == '"' && code.startsWith("\"\"\"", i);
                int end = block ? skipTextBlock(code, i) : skipLiteral(code, i, c);
                for (int k = i; k < end; k++) {
                    out.append(code.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * The source with its Unicode escapes translated and its comments blanked out (string literals are kept, so
     * the offsets of code stay put in a file without escapes).
     */
    public static String stripComments(String raw) {
        String source = translateUnicodeEscapes(raw);
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                boolean block = c == '"' && source.startsWith("\"\"\"", i);
                int end = block ? skipTextBlock(source, i) : skipLiteral(source, i, c);
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(source.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipLiteral(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int skipTextBlock(String s, int start) {
        int end = s.indexOf("\"\"\"", start + 3);
        while (end > 0 && s.charAt(end - 1) == '\\') {
            end = s.indexOf("\"\"\"", end + 1);
        }
        return end < 0 ? s.length() : end + 3;
    }

    /**
     * The text as javac reads it after its first step (JLS 17, section 3.3): each Unicode escape, a backslash that
     * is not itself escaped (an even number of backslashes before it), one or more {@code u} and four hex digits,
     * becomes the character it stands for. Without this, the escapes of a slash and a star would look like text to
     * a scanner and open a comment for javac, and a file could declare one package to the grader and another to
     * the compiler. A malformed escape is left as it is (javac refuses the file).
     */
    public static String translateUnicodeEscapes(String source) {
        if (source.indexOf("\\u") < 0) {
            return source;
        }
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        int backslashes = 0;
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < n && source.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < n && source.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= n && isHex(source, j)) {
                    out.append((char) Integer.parseInt(source.substring(j, j + 4), 16));
                    i = j + 4;
                    backslashes = 0;
                    continue;
                }
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from) {
        for (int k = from; k < from + 4; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
