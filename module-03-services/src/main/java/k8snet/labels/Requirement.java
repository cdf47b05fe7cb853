package k8snet.labels;

import java.util.List;
import java.util.TreeSet;

import k8snet.Require;

/**
 * One condition of a label selector: a key, an operator and the values it compares with, as in
 * {@code k8s.io/apimachinery} {@code pkg/labels/selector.go} (Kubernetes docs, "Labels and Selectors").
 * Provided complete: it is not part of an exercise.
 *
 * <pre>{@code
 * new Requirement("tier", Requirement.Operator.IN, List.of("frontend", "backend"));
 * // kubectl writes it: tier in (backend,frontend)
 * }</pre>
 *
 * <p>This record only checks the shape of a requirement: {@link Operator#EQUALS} and {@link Operator#NOT_EQUALS}
 * take exactly one value, {@link Operator#IN} and {@link Operator#NOT_IN} at least one, {@link Operator#EXISTS}
 * and {@link Operator#DOES_NOT_EXIST} none. The values of a set are kept sorted and without duplicates, the way
 * Kubernetes holds them, so {@code in (b,a)} and {@code in (a,b)} are the same requirement. Whether the key and
 * the values are valid label syntax is the job of {@link Selector} (exercise 3.1), and so is what a requirement
 * means for a set of labels.
 *
 * @param key the label key
 * @param operator how the key's value is compared
 * @param values the values, sorted and distinct; empty for {@code EXISTS} and {@code DOES_NOT_EXIST}
 */
public record Requirement(String key, Operator operator, List<String> values) {

    /** The operators of kubectl's selector syntax. */
    public enum Operator {
        /** {@code key=value} (or {@code key==value}): the object has the key, with this value. */
        EQUALS,
        /** {@code key!=value}: the object does not have the key with this value (having no such key is fine). */
        NOT_EQUALS,
        /** {@code key in (v1,v2)}: the object has the key, with one of the values. */
        IN,
        /** {@code key notin (v1,v2)}: the object does not have the key with one of the values. */
        NOT_IN,
        /** {@code key}: the object has the key, with any value. */
        EXISTS,
        /** {@code !key}: the object does not have the key. */
        DOES_NOT_EXIST
    }

    /**
     * Checks the shape and sorts the values.
     *
     * @throws IllegalArgumentException if an argument or a value is null, or the number of values does not suit
     *     the operator
     */
    public Requirement {
        Require.nonNull(key, "key");
        Require.nonNull(operator, "operator");
        Require.nonNull(values, "values");
        for (String value : values) {
            Require.nonNull(value, "a value of the requirement on '" + key + "'");
        }
        values = List.copyOf(new TreeSet<>(values));
        switch (operator) {
            case EQUALS, NOT_EQUALS -> Require.argument(values.size() == 1, "The " + operator + " requirement on '"
                    + key + "' takes exactly one value, got " + values);
            case IN, NOT_IN -> Require.argument(!values.isEmpty(), "The " + operator + " requirement on '" + key
                    + "' needs a non-empty set of values");
            case EXISTS, DOES_NOT_EXIST -> Require.argument(values.isEmpty(), "The " + operator + " requirement on '"
                    + key + "' takes no values, got " + values);
        }
    }
}
