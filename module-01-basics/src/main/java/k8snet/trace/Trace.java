package k8snet.trace;

import java.util.ArrayList;
import java.util.List;

import k8snet.Require;

/**
 * The ordered hops one message took, from the sender to where it was delivered or stopped. Every
 * delivery in the model carries one; failing tests and the scenario runner print it, in the spirit of
 * a per-hop simulation view.
 *
 * <pre>{@code
 * <p>A trace is a path: it checks, when built, that nothing follows a hop that ended the message
 * ({@link Action#isTerminal()}), and that each typed hop happens where the typed hop before it left the
 * packet (the place a moving hop names, otherwise the same host and namespace). Untyped hops
 * ({@link Action#NOTE}) are exempt from the second rule.
 *
 * <pre>{@code
 * Trace.Builder trace = Trace.builder();
 * trace.add(Place.host("laptop"), "dns", "web -> 10.0.0.2");
 * trace.add(Place.host("server").device("eth0"), "socket", "10.0.0.2:80 -> nginx");
 * System.out.println(trace.build().render());
 * //  1. laptop  [dns]  web -> 10.0.0.2
 * //  2. server eth0  [socket]  10.0.0.2:80 -> nginx
 * }</pre>
 */
public final class Trace {

    private static final Trace EMPTY = new Trace(List.of());

    private final List<Hop> hops;

    private Trace(List<Hop> hops) {
        this.hops = List.copyOf(hops);
        checkPath(this.hops);
    }

    /** The path rules of the class doc; the message names both hops by their number in the trace. */
    private static void checkPath(List<Hop> hops) {
        for (int i = 1; i < hops.size(); i++) {
            Hop before = hops.get(i - 1);
            Hop hop = hops.get(i);
            if (before.action().isTerminal()) {
                throw new IllegalArgumentException("A trace ends at a " + before.action() + " hop, but hop " + (i + 1)
                        + " follows hop " + i + " (" + before + ")");
            }
            if (before.action() == Action.NOTE || hop.action() == Action.NOTE) {
                continue;
            }
            Place left = before.left();
            if (!left.host().equals(hop.place().host()) || !left.namespace().equals(hop.place().namespace())) {
                throw new IllegalArgumentException("A trace must be a connected path: hop " + i + " left the packet at "
                        + left + ", but hop " + (i + 1) + " happens at " + hop.place());
            }
        }
    }

    /** A trace with no hops. */
    public static Trace empty() {
        return EMPTY;
    }

    /**
     * A trace of these hops, in order.
     *
     * @throws IllegalArgumentException if the list or any hop is null, or the hops do not form a path (class doc)
     */
    public static Trace of(List<Hop> hops) {
        Require.nonNull(hops, "hops");
        hops.forEach(h -> Require.nonNull(h, "hop"));
        return new Trace(hops);
    }

    /** A builder that collects hops while a message travels. */
    public static Builder builder() {
        return new Builder();
    }

    /** The hops, first to last; unmodifiable. */
    public List<Hop> hops() {
        return hops;
    }

    /** The number of hops. */
    public int size() {
        return hops.size();
    }

    /** The last hop, where the message ended up. @throws IllegalStateException on an empty trace */
    public Hop last() {
        if (hops.isEmpty()) {
            throw new IllegalStateException("The trace has no hops");
        }
        return hops.get(hops.size() - 1);
    }

    /** This trace followed by the hops of {@code other}. */
    public Trace then(Trace other) {
        Require.nonNull(other, "other");
        List<Hop> all = new ArrayList<>(hops);
        all.addAll(other.hops);
        return new Trace(all);
    }

    /** One numbered line per hop, for people to read. */
    public String render() {
        if (hops.isEmpty()) {
            return "   (no hops)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hops.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(String.format("%3d. %s", i + 1, hops.get(i)));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace other && other.hops.equals(hops);
    }

    @Override
    public int hashCode() {
        return hops.hashCode();
    }

    /** Collects hops in order; {@link #build()} returns an immutable trace. */
    public static final class Builder {

        /** Room for the twenty-odd hops of a packet across a cluster without growing. */
        private final List<Hop> hops = new ArrayList<>(24);

        private Builder() {
        }

        /** Appends a hop. */
        public Builder add(Hop hop) {
            hops.add(Require.nonNull(hop, "hop"));
            return this;
        }

        /** Appends a hop made of its parts. */
        public Builder add(Place place, String component, String decision) {
            return add(new Hop(place, component, decision));
        }

        /** The hops collected so far, as an immutable trace. */
        public Trace build() {
            return new Trace(hops);
        }
    }
}
