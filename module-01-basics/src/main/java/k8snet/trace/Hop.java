package k8snet.trace;

import java.util.Optional;

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
 * @param place where it happened
 * @param component what decided: {@code dns}, {@code route}, {@code socket}, {@code bridge}, {@code arp},
 *     {@code kube-proxy}, ...
 * @param decision the decision in words, with the values it used
 * @param action what the hop did; {@link Action#NOTE} for a hop written without a type
 * @param headers the packet's headers as it left this hop, where the hop saw a packet
 * @param to where the packet went, for an action that {@link Action#moves() moves} it; empty otherwise
 */
public record Hop(Place place, String component, String decision, Action action, Optional<Headers> headers,
                  Optional<Place> to) {

    public Hop {
        Require.nonNull(place, "place");
        Require.nonNull(component, "component");
        Require.nonNull(decision, "decision");
        Require.nonNull(action, "action");
        Require.nonNull(headers, "headers");
        Require.nonNull(to, "to");
        Require.argument(!component.isBlank(), "A hop names the component that decided, got a blank one");
        Require.argument(to.isPresent() == action.moves(), action.moves()
                ? "A " + action + " hop names the place the packet went to"
                : "Only a hop that moves the packet names a place it went to, not a " + action + " hop");
    }

    /** An untyped hop ({@link Action#NOTE}), as module 1's send writes them. */
    public Hop(Place place, String component, String decision) {
        this(place, component, decision, Action.NOTE, Optional.empty(), Optional.empty());
    }

    /** A typed hop that acts where the packet is; for one that moves it, follow with {@link #to(Place)}. */
    public static Hop of(Place place, String component, Action action, String decision, Headers headers) {
        Require.nonNull(action, "action");
        Require.argument(!action.moves(), "A " + action + " hop moves the packet: give its place with to(...)");
        return new Hop(place, component, decision, action, Optional.of(Require.nonNull(headers, "headers")),
                Optional.empty());
    }

    /** A typed hop that moves the packet to {@code next}. */
    public static Hop moving(Place place, String component, Action action, String decision, Headers headers,
                             Place next) {
        return new Hop(place, component, decision, action, Optional.of(Require.nonNull(headers, "headers")),
                Optional.of(Require.nonNull(next, "next")));
    }

    @Override
    public String toString() {
        return place + "  [" + component + "]  " + decision;
    }
}
