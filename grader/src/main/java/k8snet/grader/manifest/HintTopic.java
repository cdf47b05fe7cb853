package k8snet.grader.manifest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One topic of an exercise's hints: a concept, or one of the exercise's files, with its hints in order from a
 * nudge (level 1: where to look, which rule) to nearly the answer (the last level: the algorithm in words).
 *
 * <pre>{@code
 * new HintTopic("ZoneResolver", List.of("Follow the chain ...", "Keep the names you visited ..."))
 * }</pre>
 *
 * @param name a word such as {@code ZoneResolver} or {@code parse} (a letter, then letters, digits, {@code .},
 *             {@code _} or {@code -}, at most 40 characters), or {@link #UNNAMED} for the hints of a manifest
 *             that gives them as a plain list
 * @param levels the hints, gentlest first; at least one, none blank
 */
public record HintTopic(String name, List<String> levels) {

    /** The name of the one topic that a plain list of hints makes. */
    public static final String UNNAMED = "";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,39}");

    /** @throws IllegalArgumentException when the name breaks the rule above or a level is missing or blank */
    public HintTopic {
        if (name == null) {
            throw new IllegalArgumentException("A hint topic's name must not be null");
        }
        if (!name.equals(UNNAMED) && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A hint topic's name must be a letter followed by letters, digits,"
                    + " '.', '_' or '-' (at most 40 characters), got '" + name + "'");
        }
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("Hint topic '" + name + "' must have at least one hint");
        }
        for (String level : levels) {
            if (level == null || level.isBlank()) {
                throw new IllegalArgumentException("Hint topic '" + name + "' has a blank hint: " + levels);
            }
        }
        levels = List.copyOf(levels);
    }

    /** Whether this topic has a name (it has none when the manifest gives a plain list). */
    public boolean named() {
        return !name.equals(UNNAMED);
    }
}
