package k8snet.dns;

import java.util.List;
import java.util.Locale;

import k8snet.Require;

/**
 * A DNS hostname such as {@code web.default.svc.cluster.local}. Reference solution of exercise 1.2;
 * the stub's Javadoc states the rules.
 */
public final class Hostname {

    private static final int MAX_LABEL = 63;
    private static final int MAX_NAME = 253;

    private final String name;

    private Hostname(String name) {
        this.name = name;
    }

    public static Hostname parse(String text) {
        Require.nonNull(text, "hostname");
        String body = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (body.isEmpty()) {
            throw new IllegalArgumentException("A hostname needs at least one label: \"" + text + "\"");
        }
        if (body.length() > MAX_NAME) {
            throw new IllegalArgumentException("A hostname is at most " + MAX_NAME
                    + " characters, this one has " + body.length() + ": \"" + text + "\"");
        }
        for (String label : body.split("\\.", -1)) {
            checkLabel(label, text);
        }
        return new Hostname(body.toLowerCase(Locale.ROOT));
    }

    private static void checkLabel(String label, String text) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("A hostname cannot have an empty label: \"" + text + "\"");
        }
        if (label.length() > MAX_LABEL) {
            throw new IllegalArgumentException("A label is at most " + MAX_LABEL + " characters, \""
                    + label + "\" has " + label.length() + ": \"" + text + "\"");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && c != '-') {
                throw new IllegalArgumentException("A label holds only letters, digits and '-', found '" + c
                        + "' in \"" + label + "\": \"" + text + "\"");
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw new IllegalArgumentException(
                    "A label cannot start or end with '-': \"" + label + "\" in \"" + text + "\"");
        }
    }

    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public List<String> labels() {
        return List.of(name.split("\\."));
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hostname other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
