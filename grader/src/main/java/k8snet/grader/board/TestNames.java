package k8snet.grader.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import k8snet.grader.engine.TestResult;

/**
 * A graded test's name as the board shows it: the group it belongs to (its class and the {@code @Nested}
 * classes around it, by display name) and the test itself, never a Java signature.
 *
 * <p>A test's {@link TestResult#name()} joins the display names from its class down to it with
 * {@code " > "}; its unique id has one {@code [type:value]} segment per level after the engine's. The two
 * are read together: a level whose id is a {@code class} or {@code nested-class} belongs to the group, the
 * rest (method, parameterized template and its row, factory and its dynamic tests) to the test. Where a
 * display name is JUnit's default for a method ({@code parse(String)}), the method name is written as words
 * ({@code parse}); {@code rejectsLeadingZeros()} becomes "rejects leading zeros". A parameterized row named
 * by JUnit's default ({@code [2] 10.0.0.1, true}) is shown after its method as "rejects leading zeros
 * [2]: 10.0.0.1, true"; a row with a name of its own is shown by that name alone.
 */
final class TestNames {

    private static final String SEPARATOR = " > ";
    private static final Pattern SEGMENT = Pattern.compile("\\[([a-z-]+):([^\\]]*)\\]");
    private static final Pattern SIGNATURE = Pattern.compile("([A-Za-z_$][\\w$]*)\\(([\\w$.,\\[\\] <>?]*)\\)");
    private static final Pattern DEFAULT_ROW = Pattern.compile("\\[(\\d+)\\]\\s*(.*)", Pattern.DOTALL);

    /** One level of a test's path: the kind of JUnit node and its display name. */
    record Level(String type, String value, String display) {

        boolean isContainerClass() {
            return type.equals("class") || type.equals("nested-class");
        }
    }

    /** A test's name split for the board. */
    record Split(List<String> group, String test) {

        /** The group as one line: the class's display name, then each nested class's, joined by " > ". */
        String groupLine() {
            return String.join(SEPARATOR, group);
        }
    }

    private TestNames() {
    }

    /**
     * The levels of a test: the unique id's segments (without the engine's) matched with the display names.
     * When the two do not line up (a result that never ran has no id), each display name is a level of type
     * "" (the first is the class, the last the test).
     */
    static List<Level> levels(TestResult t) {
        List<String[]> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(t.uniqueId());
        while (m.find()) {
            if (!m.group(1).equals("engine")) {
                segments.add(new String[] {m.group(1), m.group(2)});
            }
        }
        List<String> names = new ArrayList<>(List.of(t.name().split(Pattern.quote(SEPARATOR), -1)));
        List<Level> levels = new ArrayList<>();
        if (segments.isEmpty() || names.size() < segments.size()) {
            for (String n : names) {
                levels.add(new Level("", "", n));
            }
            return levels;
        }
        // A display name may itself contain " > " (a row "{0} > {1}"): the extra parts belong to the deepest level.
        while (names.size() > segments.size()) {
            String last = names.remove(names.size() - 1);
            names.set(names.size() - 1, names.get(names.size() - 1) + SEPARATOR + last);
        }
        for (int i = 0; i < segments.size(); i++) {
            levels.add(new Level(segments.get(i)[0], segments.get(i)[1], names.get(i)));
        }
        return levels;
    }

    /** The group and the readable test name of {@code t}. */
    static Split split(TestResult t) {
        List<Level> levels = levels(t);
        List<String> group = new ArrayList<>();
        List<Level> rest = new ArrayList<>();
        boolean typed = levels.stream().anyMatch(l -> !l.type().isEmpty());
        for (int i = 0; i < levels.size(); i++) {
            Level l = levels.get(i);
            boolean inGroup = typed ? l.isContainerClass() && rest.isEmpty() : i < levels.size() - 1;
            if (inGroup) {
                group.add(l.display());
            } else {
                rest.add(l);
            }
        }
        if (rest.isEmpty() && !group.isEmpty()) {
            rest.add(new Level("", "", group.remove(group.size() - 1)));
        }
        return new Split(group, testName(rest));
    }

    /** The name of the levels below the group: a method, or a template and its row, or a factory and its tests. */
    private static String testName(List<Level> rest) {
        StringBuilder out = new StringBuilder();
        for (Level l : rest) {
            String display = l.display();
            Matcher row = DEFAULT_ROW.matcher(display);
            if (out.length() > 0 && row.matches()) {
                out.append(" [").append(row.group(1)).append(']');
                if (!row.group(2).isBlank()) {
                    out.append(": ").append(row.group(2).strip());
                }
            } else if (out.length() > 0 && isInvocation(l)) {
                // A row with a name of its own says what it tests better than its method's name.
                out.setLength(0);
                out.append(display);
            } else {
                if (out.length() > 0) {
                    out.append(SEPARATOR);
                }
                out.append(withoutSignature(display));
            }
        }
        return out.toString();
    }

    private static boolean isInvocation(Level l) {
        return l.type().equals("test-template-invocation") || l.type().equals("dynamic-test")
                || l.type().equals("dynamic-container") || l.type().isEmpty();
    }

    /**
     * A display name that is JUnit's default for a method, {@code name(Type, Type)}, as words; any other
     * display name as it is.
     */
    static String withoutSignature(String display) {
        Matcher m = SIGNATURE.matcher(display.strip());
        if (!m.matches()) {
            return display;
        }
        return words(m.group(1));
    }

    /** A Java identifier as lower-case words: {@code rejectsLeadingZeros} is "rejects leading zeros". */
    static String words(String identifier) {
        String spaced = identifier.replace('_', ' ')
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("([A-Z]+)([A-Z][a-z]{2,})", "$1 $2")
                .strip().replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder();
        for (String w : spaced.split(" ")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            // Keep acronyms (IPv4, DNS, TTL) as written; lower-case ordinary capitalised words.
            boolean acronym = w.length() > 1 && w.chars().skip(1).anyMatch(Character::isUpperCase);
            out.append(acronym ? w : w.toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** The whole readable name: group and test joined by " > ". */
    static String full(TestResult t) {
        Split s = split(t);
        return s.group().isEmpty() ? s.test() : s.groupLine() + SEPARATOR + s.test();
    }
}
