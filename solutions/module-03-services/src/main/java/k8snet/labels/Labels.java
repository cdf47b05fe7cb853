package k8snet.labels;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import k8snet.Require;

/** Reference solution of exercise 3.1 (the specification is the stub's Javadoc). */
public final class Labels {

    private static final int MAX_NAME = 63;
    private static final int MAX_PREFIX = 253;

    private static final Pattern SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static final Labels EMPTY = new Labels(new TreeMap<>());

    private final SortedMap<String, String> labels;

    private Labels(SortedMap<String, String> labels) {
        this.labels = Collections.unmodifiableSortedMap(labels);
    }

    public static Labels of(String... keysAndValues) {
        Require.nonNull(keysAndValues, "keysAndValues");
        if (!(keysAndValues.length % 2 == 0)) {
            throw new IllegalArgumentException("Labels come in key/value pairs, got an odd number ("
                    + keysAndValues.length + ") of strings");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = keysAndValues[i];
            String value = keysAndValues[i + 1];
            check(key, value);
            if (map.containsKey(key)) {
                throw new IllegalArgumentException("An object has one value per label key, but the key '" + key
                        + "' is given twice");
            }
            map.put(key, value);
        }
        return new Labels(map);
    }

    public static Labels of(Map<String, String> labels) {
        Require.nonNull(labels, "labels");
        TreeMap<String, String> map = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            check(e.getKey(), e.getValue());
            map.put(e.getKey(), e.getValue());
        }
        return new Labels(map);
    }

    public static Labels empty() {
        return EMPTY;
    }

    public static boolean isValidKey(String key) {
        return key != null && keyProblem(key) == null;
    }

    public static boolean isValidValue(String value) {
        return value != null && valueProblem(value) == null;
    }

    private static void checkKey(String key) {
        Require.nonNull(key, "label key");
        String problem = keyProblem(key);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid label key '" + key + "': " + problem);
        }
    }

    private static void checkValue(String value) {
        Require.nonNull(value, "label value");
        String problem = valueProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid label value '" + value + "': " + problem);
        }
    }

    private static void check(String key, String value) {
        checkKey(key);
        Require.nonNull(value, "the value of label '" + key + "'");
        checkValue(value);
    }

    /** Why {@code key} is not a label key, or null if it is one. */
    private static String keyProblem(String key) {
        int slash = key.indexOf('/');
        String name = key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (name.indexOf('/') >= 0) {
                return "a key has at most one '/', between the prefix and the name";
            }
            if (prefix.isEmpty()) {
                return "the prefix before '/' must not be empty";
            }
            if (prefix.length() > MAX_PREFIX) {
                return "the prefix must be at most " + MAX_PREFIX + " characters, got " + prefix.length();
            }
            if (!SUBDOMAIN.matcher(prefix).matches()) {
                return "the prefix '" + prefix + "' must be a DNS subdomain: lower-case letters, digits, '-' and "
                        + "'.', in labels that begin and end with a letter or digit";
            }
        }
        return nameProblem(name, "name");
    }

    private static String valueProblem(String value) {
        return value.isEmpty() ? null : nameProblem(value, "value");
    }

    private static String nameProblem(String name, String what) {
        if (name.isEmpty()) {
            return "the " + what + " must not be empty";
        }
        if (name.length() > MAX_NAME) {
            return "the " + what + " must be at most " + MAX_NAME + " characters, got " + name.length();
        }
        if (!isName(name)) {
            return "the " + what + " may hold only letters, digits, '-', '_' and '.', and must begin and end with "
                    + "a letter or digit";
        }
        return null;
    }

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}, by hand: every pod's labels are checked. */
    private static boolean isName(String name) {
        int last = name.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (i == 0 || i == last || (c != '-' && c != '_' && c != '.'))) {
                return false;
            }
        }
        return true;
    }

    public Optional<String> get(String key) {
        Require.nonNull(key, "key");
        return Optional.ofNullable(labels.get(key));
    }

    public boolean has(String key) {
        Require.nonNull(key, "key");
        return labels.containsKey(key);
    }

    public Map<String, String> asMap() {
        return labels;
    }

    public int size() {
        return labels.size();
    }

    public Labels with(String key, String value) {
        check(key, value);
        TreeMap<String, String> map = new TreeMap<>(labels);
        map.put(key, value);
        return new Labels(map);
    }

    @Override
    public String toString() {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Labels that && labels.equals(that.labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }
}
