package k8snet.labels;

import java.util.List;
import java.util.Map;

/**
 * A label selector: the condition by which a Service picks its pods ({@code spec.selector}) and by which
 * {@code kubectl get pods -l ...} filters, in kubectl's text syntax (Kubernetes docs, "Labels and Selectors";
 * the semantics of {@code k8s.io/apimachinery} {@code pkg/labels/selector.go}).
 *
 * <pre>{@code
 * Selector s = Selector.parse("app = web, tier in (frontend, backend), !canary");
 * s.toString();                                              // app=web,tier in (backend,frontend),!canary
 * s.matches(Labels.of("app", "web", "tier", "frontend"));    // true
 * s.matches(Labels.of("app", "web", "tier", "cache"));       // false: cache is not in the set
 * Selector.parse("tier != frontend").matches(Labels.empty()); // true: no tier label at all
 * }</pre>
 *
 * <p><b>Exercise 3.1 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Syntax of {@link #parse(String)}</h2>
 * <ul>
 *   <li>Requirements separated by commas, each one of: {@code key=value} or {@code key==value} (equality),
 *       {@code key!=value} (inequality), {@code key in (v1,v2,...)}, {@code key notin (v1,v2,...)},
 *       {@code key} (the key exists) and {@code !key} (the key does not exist).</li>
 *   <li>Whitespace (a space, tab, carriage return or line feed, the characters k8s.io/apimachinery's selector
 *       lexer skips; "spaces" below means any of them) may stand around operators, commas and parentheses, and
 *       before and after the whole text; {@code in} and {@code notin} are separated from the key by at least one
 *       space ({@code tier in(a)} is fine, {@code tierin (a)} is not).</li>
 *   <li>Keys and values follow the rules of {@link Labels} ({@link Labels#isValidKey}, {@link
 *       Labels#isValidValue}). After {@code =}, {@code ==} or {@code !=} the value may be empty ({@code app=}
 *       selects an empty value), but every value inside parentheses is a real, non-empty value, and the set of
 *       {@code in} and {@code notin} must not be empty: {@code tier in ()} and {@code tier in (a,)} are errors.
 *       Unlike in Kubernetes, which reads {@code ()} as a set holding the empty string, the empty set is
 *       rejected here rather than guessed at.</li>
 *   <li>Null is an error; the empty string, or one of only spaces, is the empty selector,
 *       {@link #everything()}.</li>
 *   <li>Anything else is an {@link IllegalArgumentException} whose message contains the whole input and
 *       "position N", where N is the 0-based index in the input of the first character of the token at which
 *       the problem shows (a missing comma, a stray character, an invalid key or value, the {@code ')'} that
 *       closes a set too early), or the input's length when the input ends too early ({@code tier in (a}).
 *       The tokens are {@code !}, {@code =}, {@code ==}, {@code !=}, {@code (}, {@code )}, {@code ,} and words:
 *       runs of characters other than spaces and {@code ! = ( ) ,} (a key, a value, {@code in},
 *       {@code notin}, or a bad word such as {@code app@x}). Spaces are not tokens: in {@code app=web  tier=fe}
 *       the problem is at the {@code t} of {@code tier}.</li>
 * </ul>
 *
 * <h2>Meaning of {@link #matches(Labels)}</h2>
 * <ul>
 *   <li>All requirements must hold (AND); there is no OR. The empty selector matches every object, including one
 *       with no labels. (A Service whose {@code spec.selector} is empty is different: it selects no pods; that is
 *       the endpoints controller's rule, not the selector's.)</li>
 *   <li>{@code =} and {@code in} need the key, with the value or one of the values. {@code !=} and
 *       {@code notin} hold for an object that lacks the key: "not equal to frontend" is true of a pod without a
 *       tier. Comparison is exact and case-sensitive.</li>
 * </ul>
 *
 * <h2>Text and equality</h2>
 * <ul>
 *   <li>{@link #toString()} is kubectl's canonical form: the requirements in the order they were written (not
 *       sorted by key), joined by {@code ","} without spaces; {@code =}, not {@code ==}; a set as
 *       {@code key in (a,b)} with the values sorted and no spaces inside; the empty selector as {@code ""}. So
 *       {@code parse(s.toString())} equals {@code s}.</li>
 *   <li>Two selectors are equal when they have the same requirements in the same order.</li>
 * </ul>
 */
public final class Selector {

    private Selector() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector");
    }

    /**
     * Reads a selector in kubectl's syntax (see the class doc).
     *
     * @throws IllegalArgumentException if {@code text} is null or not a selector; the message contains the whole
     *     input and the position of the problem
     */
    public static Selector parse(String text) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.parse");
    }

    /** The empty selector, which matches every object. */
    public static Selector everything() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.everything");
    }

    /**
     * A selector of these requirements, in this order; an empty list gives {@link #everything()}.
     *
     * @throws IllegalArgumentException if the list or an element is null, a key is not a valid label key, or a
     *     value is not a valid label value (an empty value is allowed only for {@code EQUALS} and
     *     {@code NOT_EQUALS}); the message quotes the bad key or value
     */
    public static Selector of(List<Requirement> requirements) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.of");
    }

    /**
     * The selector of a Service's {@code spec.selector} (or of a Deployment's {@code matchLabels}): one
     * {@code key=value} requirement per entry, in key order.
     *
     * @throws IllegalArgumentException if the map, a key or a value is null, or a key or a value is invalid
     */
    public static Selector matchLabels(Map<String, String> labels) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.matchLabels");
    }

    /** The requirements, in the order they were written; the list cannot be modified. */
    public List<Requirement> requirements() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.requirements");
    }

    /**
     * Whether an object with these labels is selected: every requirement holds.
     *
     * @throws IllegalArgumentException if {@code labels} is null
     */
    public boolean matches(Labels labels) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.matches");
    }

    /** Whether this selector has no requirements (and so matches everything). */
    public boolean isEmpty() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.isEmpty");
    }

    /** The canonical kubectl form: {@code app=web,tier in (backend,frontend),!canary}. */
    @Override
    public String toString() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.toString");
    }

    @Override
    public boolean equals(Object other) {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.equals");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException("Exercise 3.1: implement Selector.hashCode");
    }
}
