package k8snet.labels;

import java.util.Map;
import java.util.Optional;

/**
 * The labels of a Kubernetes object: the key/value pairs in its {@code metadata.labels} by which Services,
 * Deployments and {@code kubectl -l} pick objects out (Kubernetes docs, "Labels and Selectors"). A Service
 * never names its pods; it names labels, and every pod that carries them is a backend.
 *
 * <pre>{@code
 * Labels pod = Labels.of("app", "web", "tier", "frontend", "app.kubernetes.io/version", "1.25");
 * pod.get("app");            // Optional[web]
 * pod.has("release");        // false
 * pod.toString();            // app=web,app.kubernetes.io/version=1.25,tier=frontend
 * }</pre>
 *
 * <p><b>Exercise 3.1 (part 1).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules (Kubernetes docs, "Labels and Selectors" and "Object Names and IDs")</h2>
 * <ul>
 *   <li>A <b>key</b> is an optional <i>prefix</i> and a <i>name</i>, separated by one {@code '/'}. The name is
 *       required: 1 to 63 characters, letters of either case, digits, {@code '-'}, {@code '_'} and {@code '.'},
 *       beginning and ending with a letter or digit (the pattern
 *       {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}).</li>
 *   <li>The prefix, when there is a {@code '/'}, is a DNS subdomain: lower-case RFC 1123 labels (a-z, 0-9 and
 *       {@code '-'}, beginning and ending with a letter or digit) joined by single dots, at most 253 characters
 *       in all. Like Kubernetes, check the total length, not each label's. A prefix is never empty, and a key
 *       has at most one {@code '/'}. Upper case is an error in the prefix, not something to fold: Kubernetes
 *       rejects it. Prefixes ending in {@code kubernetes.io} are reserved for Kubernetes' own labels, but that is
 *       the API server's policy, not syntax: accept them.</li>
 *   <li>A <b>value</b> is empty, or 1 to 63 characters of the same pattern as a name (so no {@code '/'}).</li>
 *   <li>Keys and values are case-sensitive: {@code app=Web} and {@code app=web} are different labels.</li>
 *   <li>An object has at most one value per key, so a key given twice to {@link #of(String...)} is an error.</li>
 *   <li>Iteration and {@link #toString()} go in key order ({@link String#compareTo}), like
 *       {@code kubectl get --show-labels}: {@code app=web,tier=frontend}; no labels print as the empty
 *       string, and an empty value as {@code key=}.</li>
 *   <li>Errors are {@link IllegalArgumentException}s, never a {@code NullPointerException}. A null argument's
 *       message contains "null". A bad key's message quotes the whole key and names the rule broken: it contains
 *       "prefix" when the prefix is at fault and "name" when the name is; when a part is too long, it also
 *       contains its limit ("253" or "63"). A bad value's message quotes the value and contains "value" (and
 *       "63" when it is too long).</li>
 * </ul>
 *
 * <p>Instances are immutable; {@code equals} and {@code hashCode} compare the labels, not how they were given.
 */
public final class Labels {

    private Labels() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels");
    }

    /**
     * Labels from alternating keys and values: {@code of("app", "web", "tier", "frontend")}. No argument gives no
     * labels.
     *
     * @throws IllegalArgumentException if the array or an element is null, the count is odd, a key or a value is
     *     invalid, or a key comes twice
     */
    public static Labels of(String... keysAndValues) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.of(String...)");
    }

    /**
     * Labels from a map of keys to values, as in a manifest's {@code metadata.labels}.
     *
     * @throws IllegalArgumentException if the map, a key or a value is null, or a key or a value is invalid
     */
    public static Labels of(Map<String, String> labels) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.of(Map)");
    }

    /** No labels at all. */
    public static Labels empty() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.empty");
    }

    /** Whether {@code key} is a valid label key (see the class doc); false for null. */
    public static boolean isValidKey(String key) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.isValidKey");
    }

    /** Whether {@code value} is a valid label value (see the class doc; the empty string is one); false for null. */
    public static boolean isValidValue(String value) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.isValidValue");
    }

    /**
     * The value of a label.
     *
     * @return the value (possibly the empty string), or empty if there is no label with this exact key
     * @throws IllegalArgumentException if {@code key} is null
     */
    public Optional<String> get(String key) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.get");
    }

    /**
     * Whether there is a label with this exact key, whatever its value (an empty value counts).
     *
     * @throws IllegalArgumentException if {@code key} is null
     */
    public boolean has(String key) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.has");
    }

    /** The labels as a map, in key order; the map cannot be modified. */
    public Map<String, String> asMap() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.asMap");
    }

    /** How many labels there are. */
    public int size() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.size");
    }

    /**
     * A copy with one label added, or its value replaced if the key is there already; this object is unchanged.
     *
     * @throws IllegalArgumentException if the key or the value is null or invalid
     */
    public Labels with(String key, String value) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.with");
    }

    /** The labels in key order, {@code key=value} joined by commas: {@code app=web,tier=frontend}. */
    @Override
    public String toString() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.toString");
    }

    @Override
    public boolean equals(Object other) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.equals");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Labels.hashCode");
    }
}
