package k8snet.trace;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import k8snet.Require;

/**
 * One step of a message's way: where it was, which component looked at it, what that component did (from a
 * closed vocabulary, {@link Action}) and, in words, why. Hops read like the lines of a packet capture
 * annotated by a teacher:
 *
 * <pre>{@code
 * new Hop(Place.host("laptop"), "dns", "web.example.com -> 203.0.113.10 (A, ttl 300s)");
 * // laptop  [dns]  web.example.com -> 203.0.113.10 (A, ttl 300s)
 * Hop.moving(Place.host("node-1").namespace("pod web-1").device("eth0"), "veth", Action.FORWARDED,
 *         "out eth0 to the root namespace's veth end", headers, Place.host("node-1").device("veth1"));
 * }</pre>
 *
 * <p>A hop is a value: two hops are equal when their place, component, decision, action, headers and
 * destination are. Its decision may be given as text or, by the packet walk of a busy cluster, as the recipe
 * for the text ({@link #lazy}, {@link #lazyMoving}): most traces are never read, so the words are written the
 * first time someone asks for them ({@link #decision()}, {@link #toString()}, {@link #equals}) and kept. A
 * recipe must read only values that never change (addresses, headers, names), so the text is the same
 * whenever it is written.
 */
public final class Hop {

    private final Place place;
    private final String component;
    private final Action action;
    /** Null when the hop saw no packet. */
    private final Headers headers;
    /** Null unless the action moves the packet. */
    private final Place to;
    /** Writes the decision's text; null when the text was given. */
    private final Supplier<String> recipe;
    /** The decision's text, once given or written (a racy single check, as String's hash: the text is immutable). */
    private String decision;

    /**
     * A hop made of all its parts.
     *
     * @param place where it happened
     * @param component what decided: {@code dns}, {@code route}, {@code socket}, {@code bridge}, {@code arp},
     *     {@code kube-proxy}, ...
     * @param decision the decision in words, with the values it used
     * @param action what the hop did; {@link Action#NOTE} for a hop written without a type
     * @param headers the packet's headers as it left this hop, where the hop saw a packet
     * @param to where the packet went, for an action that {@link Action#moves() moves} it; empty otherwise
     * @throws IllegalArgumentException if an argument is null, the component is blank, or {@code to} is present
     *     for an action that does not move the packet (or missing for one that does)
     */
    public Hop(Place place, String component, String decision, Action action, Optional<Headers> headers,
               Optional<Place> to) {
        this(place, component, Require.nonNull(decision, "decision"), null, action,
                Require.nonNull(headers, "headers").orElse(null), Require.nonNull(to, "to").orElse(null));
    }

    /** An untyped hop ({@link Action#NOTE}), as module 1's send writes them. */
    public Hop(Place place, String component, String decision) {
        this(place, component, decision, Action.NOTE, Optional.empty(), Optional.empty());
    }

    private Hop(Place place, String component, String decision, Supplier<String> recipe, Action action,
                Headers headers, Place to) {
        this.place = Require.nonNull(place, "place");
        this.component = Require.nonNull(component, "component");
        this.action = Require.nonNull(action, "action");
        this.decision = decision;
        this.recipe = recipe;
        this.headers = headers;
        this.to = to;
        if (component.isBlank()) {
            throw new IllegalArgumentException("A hop names the component that decided, got a blank one");
        }
        if ((to != null) != action.moves()) {
            throw new IllegalArgumentException(action.moves()
                    ? "A " + action + " hop names the place the packet went to"
                    : "Only a hop that moves the packet names a place it went to, not a " + action + " hop");
        }
    }

    /** A typed hop that acts where the packet is; for one that moves it, see {@link #moving}. */
    public static Hop of(Place place, String component, Action action, String decision, Headers headers) {
        return new Hop(place, component, Require.nonNull(decision, "decision"), null, action, stays(action, headers),
                null);
    }

    /** A typed hop that moves the packet to {@code next}. */
    public static Hop moving(Place place, String component, Action action, String decision, Headers headers,
                             Place next) {
        return new Hop(place, component, Require.nonNull(decision, "decision"), null, action,
                Require.nonNull(headers, "headers"), Require.nonNull(next, "next"));
    }

    /**
     * As {@link #of(Place, String, Action, String, Headers)}, with the decision's text written only when it is
     * first read (class doc).
     *
     * @throws IllegalArgumentException as {@code of}, or if {@code decision} is null
     */
    public static Hop lazy(Place place, String component, Action action, Supplier<String> decision,
                           Headers headers) {
        return new Hop(place, component, null, Require.nonNull(decision, "decision"), action,
                stays(action, headers), null);
    }

    /**
     * As {@link #moving(Place, String, Action, String, Headers, Place)}, with the decision's text written only
     * when it is first read (class doc).
     *
     * @throws IllegalArgumentException as {@code moving}, or if {@code decision} is null
     */
    public static Hop lazyMoving(Place place, String component, Action action, Supplier<String> decision,
                                 Headers headers, Place next) {
        return new Hop(place, component, null, Require.nonNull(decision, "decision"), action,
                Require.nonNull(headers, "headers"), Require.nonNull(next, "next"));
    }

    private static Headers stays(Action action, Headers headers) {
        Require.nonNull(action, "action");
        if (action.moves()) {
            throw new IllegalArgumentException("A " + action + " hop moves the packet: give its place with to(...)");
        }
        return Require.nonNull(headers, "headers");
    }

    /** Where it happened. */
    public Place place() {
        return place;
    }

    /** What decided: {@code dns}, {@code route}, {@code socket}, {@code bridge}, {@code arp}, ... */
    public String component() {
        return component;
    }

    /**
     * The decision in words, with the values it used.
     *
     * @throws IllegalStateException if the hop's recipe wrote no text (a defect of the code that made the hop)
     */
    public String decision() {
        String text = decision;
        if (text == null) {
            text = recipe.get();
            if (text == null) {
                throw new IllegalStateException("The decision of a " + component + " " + action + " hop at " + place
                        + " was written as null");
            }
            decision = text;
        }
        return text;
    }

    /** What the hop did; {@link Action#NOTE} for a hop written without a type. */
    public Action action() {
        return action;
    }

    /** The packet's headers as it left this hop, where the hop saw a packet. */
    public Optional<Headers> headers() {
        return Optional.ofNullable(headers);
    }

    /** Where the packet went, for an action that {@link Action#moves() moves} it; empty otherwise. */
    public Optional<Place> to() {
        return Optional.ofNullable(to);
    }

    /** Where the packet is once this hop is done: {@link #to()} for a moving hop, else {@link #place()}. */
    Place left() {
        return to != null ? to : place;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Hop other && place.equals(other.place) && component.equals(other.component)
                && action == other.action && Objects.equals(headers, other.headers) && Objects.equals(to, other.to)
                && decision().equals(other.decision());
    }

    @Override
    public int hashCode() {
        return Objects.hash(place, component, decision(), action, headers, to);
    }

    @Override
    public String toString() {
        return place + "  [" + component + "]  " + decision();
    }
}
