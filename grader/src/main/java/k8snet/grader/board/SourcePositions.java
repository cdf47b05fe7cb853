package k8snet.grader.board;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import k8snet.grader.manifest.SourceText;

/**
 * Where a test class's nested classes and methods are declared in its source, as character offsets, so that
 * tests can be listed in the order they are written. Comments and string literals are blanked before the
 * search, so a name quoted in a {@code @DisplayName} does not count. Sources are read once, when first asked.
 */
final class SourcePositions {

    /** What a name that is not found sorts as: after everything found. */
    static final long UNKNOWN = Long.MAX_VALUE;

    private final Function<String, Optional<String>> reader;
    private final Map<String, Optional<String>> code = new HashMap<>();

    private SourcePositions(Function<String, Optional<String>> reader) {
        this.reader = reader;
    }

    /** Positions in the sources {@code reader} gives for a top-level class name (empty when it has none). */
    static SourcePositions reading(Function<String, Optional<String>> reader) {
        return new SourcePositions(reader);
    }

    /** The offset of the declaration of the nested type {@code name} in {@code topClass}, searched from {@code from}. */
    long typeAt(String topClass, String name, long from) {
        return find(topClass, Pattern.compile("\\b(?:class|interface|record|enum)\\s+" + Pattern.quote(name) + "\\b"),
                from);
    }

    /** The offset of the declaration of the method {@code name} in {@code topClass}, searched from {@code from}. */
    long methodAt(String topClass, String name, long from) {
        // A declaration: a return type (a word, or the end of a generic or array type) and then the name.
        return find(topClass, Pattern.compile("[\\w>\\]]\\s+" + Pattern.quote(name) + "\\s*\\("), from);
    }

    private long find(String topClass, Pattern declaration, long from) {
        Optional<String> source = code.computeIfAbsent(topClass, c -> reader.apply(c).map(SourceText::codeOnly));
        if (source.isEmpty() || from == UNKNOWN || from > source.get().length()) {
            return UNKNOWN;
        }
        Matcher m = declaration.matcher(source.get());
        return m.find((int) from) ? m.start() : UNKNOWN;
    }
}
