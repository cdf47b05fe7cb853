package k8snet.labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import k8snet.Require;
import k8snet.labels.Requirement.Operator;

/** Reference solution of exercise 3.1 (the specification is the stub's Javadoc). */
public final class Selector {

    private static final Selector EVERYTHING = new Selector(List.of());

    private final List<Requirement> requirements;

    private Selector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static Selector parse(String text) {
        Require.nonNull(text, "selector");
        return new Parser(text).selector();
    }

    public static Selector everything() {
        return EVERYTHING;
    }

    public static Selector of(List<Requirement> requirements) {
        Require.nonNull(requirements, "requirements");
        for (Requirement r : requirements) {
            Require.nonNull(r, "a requirement");
            Require.argument(Labels.isValidKey(r.key()), "Invalid label key '" + r.key() + "' in a selector");
            boolean set = r.operator() == Operator.IN || r.operator() == Operator.NOT_IN;
            for (String v : r.values()) {
                Require.argument(Labels.isValidValue(v) && !(set && v.isEmpty()), "Invalid label value '" + v
                        + "' in the " + r.operator() + " requirement on '" + r.key() + "'");
            }
        }
        return new Selector(requirements);
    }

    public static Selector matchLabels(Map<String, String> labels) {
        Require.nonNull(labels, "labels");
        List<Requirement> list = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(Labels.of(labels).asMap()).entrySet()) {
            list.add(new Requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
        }
        return new Selector(list);
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    public boolean matches(Labels labels) {
        Require.nonNull(labels, "labels");
        for (Requirement r : requirements) {
            if (!holds(r, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Requirement r, Labels labels) {
        String value = labels.get(r.key()).orElse(null);
        return switch (r.operator()) {
            case EQUALS, IN -> value != null && r.values().contains(value);
            case NOT_EQUALS, NOT_IN -> value == null || !r.values().contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
        };
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    @Override
    public String toString() {
        return requirements.stream().map(Selector::format).collect(Collectors.joining(","));
    }

    private static String format(Requirement r) {
        return switch (r.operator()) {
            case EQUALS -> r.key() + "=" + r.values().get(0);
            case NOT_EQUALS -> r.key() + "!=" + r.values().get(0);
            case IN -> r.key() + " in (" + String.join(",", r.values()) + ")";
            case NOT_IN -> r.key() + " notin (" + String.join(",", r.values()) + ")";
            case EXISTS -> r.key();
            case DOES_NOT_EXIST -> "!" + r.key();
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Selector that && requirements.equals(that.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    /** A hand-written recursive-descent parser over kubectl's tokens, like selector.go's Lexer and Parser. */
    private static final class Parser {

        private static final String SPECIAL = "!=(),";

        private final String input;
        private int pos;

        Parser(String input) {
            this.input = input;
        }

        Selector selector() {
            skipSpaces();
            if (pos == input.length()) {
                return EVERYTHING;
            }
            List<Requirement> list = new ArrayList<>();
            list.add(requirement());
            while (true) {
                skipSpaces();
                if (pos == input.length()) {
                    return new Selector(list);
                }
                expect(",", "',' between requirements or the end");
                list.add(requirement());
            }
        }

        private Requirement requirement() {
            skipSpaces();
            if (peek('!') && !input.startsWith("!=", pos)) {
                pos++;
                String key = key();
                return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
            }
            String key = key();
            skipSpaces();
            if (pos == input.length() || peek(',')) {
                return new Requirement(key, Operator.EXISTS, List.of());
            }
            int start = pos;
            if (input.startsWith("!=", pos)) {
                pos += 2;
                return new Requirement(key, Operator.NOT_EQUALS, List.of(value(true)));
            }
            if (peek('=')) {
                pos += input.startsWith("==", pos) ? 2 : 1;
                return new Requirement(key, Operator.EQUALS, List.of(value(true)));
            }
            boolean spaced = isSpace(input.charAt(start - 1));
            String word = identifier();
            if (spaced && (word.equals("in") || word.equals("notin"))) {
                List<String> values = set();
                return new Requirement(key, word.equals("in") ? Operator.IN : Operator.NOT_IN, values);
            }
            throw error(start, "expected '=', '==', '!=', 'in', 'notin', ',' or the end after the key '" + key
                    + "'");
        }

        private List<String> set() {
            expect("(", "'(' to open the set of values");
            List<String> values = new ArrayList<>();
            while (true) {
                values.add(value(false));
                skipSpaces();
                if (peek(')')) {
                    pos++;
                    return values;
                }
                expect(",", "',' or ')' in the set of values");
            }
        }

        private String key() {
            skipSpaces();
            int start = pos;
            String key = identifier();
            if (key.isEmpty()) {
                throw error(start, "expected a label key");
            }
            if (!Labels.isValidKey(key)) {
                throw error(start, "'" + key + "' is not a valid label key (an optional DNS-subdomain prefix and "
                        + "'/', then a name of 1-63 letters, digits, '-', '_' or '.', alphanumeric at both ends)");
            }
            return key;
        }

        private String value(boolean mayBeEmpty) {
            skipSpaces();
            int start = pos;
            String value = identifier();
            if (value.isEmpty() && !mayBeEmpty) {
                throw error(start, "expected a value: the values of a set are not empty");
            }
            if (!Labels.isValidValue(value)) {
                throw error(start, "'" + value + "' is not a valid label value (empty, or 1-63 letters, digits, "
                        + "'-', '_' or '.', alphanumeric at both ends)");
            }
            return value;
        }

        /** The run of ordinary characters at the position: possibly empty, never spaces or operators. */
        private String identifier() {
            int start = pos;
            while (pos < input.length() && !isSpace(input.charAt(pos))
                    && SPECIAL.indexOf(input.charAt(pos)) < 0) {
                pos++;
            }
            return input.substring(start, pos);
        }

        private void expect(String token, String what) {
            skipSpaces();
            if (!input.startsWith(token, pos)) {
                throw error(pos, "expected " + what);
            }
            pos += token.length();
        }

        private boolean peek(char c) {
            return pos < input.length() && input.charAt(pos) == c;
        }

        private void skipSpaces() {
            while (pos < input.length() && isSpace(input.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(int at, String why) {
            String found = at >= input.length() ? "the end" : "'" + input.charAt(at) + "'";
            return new IllegalArgumentException("Invalid label selector '" + input + "' at position " + at
                    + " (found " + found + "): " + why);
        }
    }

    /** The whitespace of k8s.io/apimachinery's selector lexer: space, tab, carriage return, line feed. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
