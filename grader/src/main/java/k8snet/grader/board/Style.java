package k8snet.grader.board;

/**
 * How text is decorated: ANSI colours for a terminal, nothing at all for pipes, files and
 * {@code NO_COLOR} users. Plain output carries the same words, so no information lives in colour alone.
 */
public enum Style {
    ANSI(true), PLAIN(false);

    private final boolean colour;

    Style(boolean colour) {
        this.colour = colour;
    }

    /** Whether this style emits escape sequences. */
    public boolean colour() {
        return colour;
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String cyan(String text) {
        return wrap("36", text);
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    private String wrap(String code, String text) {
        return colour ? "\u001B[" + code + "m" + text + "\u001B[0m" : text;
    }
}
