package k8snet.trace;

import k8snet.Require;

/**
 * One step of a message's way: where it was, which component looked at it, and what that component
 * decided. Hops read like the lines of a packet capture annotated by a teacher:
 *
 * <pre>{@code
 * new Hop(Place.host("laptop"), "dns", "web.example.com -> 203.0.113.10 (A, ttl 300s)");
 * // laptop  [dns]  web.example.com -> 203.0.113.10 (A, ttl 300s)
 * }</pre>
 *
 * @param place where it happened
 * @param component what decided: {@code dns}, {@code route}, {@code socket}, {@code kube-proxy}, ...
 * @param decision the decision in words, with the values it used
 */
public record Hop(Place place, String component, String decision) {

    public Hop {
        Require.nonNull(place, "place");
        Require.nonNull(component, "component");
        Require.nonNull(decision, "decision");
        Require.argument(!component.isBlank(), "A hop names the component that decided, got a blank one");
    }

    @Override
    public String toString() {
        return place + "  [" + component + "]  " + decision;
    }
}
