package k8snet.routing;

import java.util.List;
import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

/**
 * A routing table: the list of {@link Route}s a namespace consults for every packet it sends or forwards.
 * For a destination address it picks the most specific route that covers it: longest-prefix match (RFC 1812
 * section 5.2.4.3). With {@code 10.244.0.0/16}, {@code 10.244.2.0/24} and a default route, a packet for
 * {@code 10.244.2.7} takes the {@code /24}, one for {@code 10.244.9.1} the {@code /16}, and one for
 * {@code 8.8.8.8} the default.
 *
 * <pre>{@code
 * RouteTable table = new RouteTable();
 * table.add(Route.connected(Cidr.parse("10.244.1.0/24"), "cni0"));
 * table.add(Route.via(Cidr.parse("10.244.2.0/24"), Ipv4Address.parse("192.168.1.12"), "eth0", Route.Origin.HOST_GW));
 * table.lookup(Ipv4Address.parse("10.244.2.7"));   // the route via 192.168.1.12
 * table.lookup(Ipv4Address.parse("10.244.9.1"));   // empty: "no route to host"
 * }</pre>
 *
 * <p><b>Exercise 2.3 (part 1).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A table holds at most one route per destination block, as Linux's main table does when routes have
 *       no metrics: {@link #add} refuses a second one ({@code ip route add} answers "File exists") and
 *       {@link #replace} swaps it ({@code ip route replace}). So two routes that match an address always have
 *       different prefix lengths, and the longest match is unique: no tie rule is needed.</li>
 *   <li>{@code 0.0.0.0/0} is the default route: it matches every address, with the lowest priority.</li>
 *   <li>{@link #lookup} must not read every route. A node's table holds a route per other node, and a cluster
 *       can have 5,000 nodes; the packet's path must cost the same whatever the table's size. There are only
 *       33 prefix lengths: try them from the longest down, each with one exact lookup.</li>
 *   <li>{@link #routes()} lists the routes by destination, in {@link Cidr}'s order.</li>
 * </ul>
 */
public final class RouteTable {

    /** An empty table. */
    public RouteTable() {
        throw new UnsupportedOperationException("Exercise 2.3: implement the RouteTable constructor");
    }

    /**
     * Adds a route.
     *
     * @throws IllegalArgumentException if {@code route} is null
     * @throws IllegalStateException if a route to the same destination is there already; the message shows it
     */
    public void add(Route route) {
        throw new UnsupportedOperationException("Exercise 2.3: implement RouteTable.add");
    }

    /**
     * Adds a route, or replaces the one to the same destination.
     *
     * @return the route it replaced, if any
     * @throws IllegalArgumentException if {@code route} is null
     */
    public Optional<Route> replace(Route route) {
        throw new UnsupportedOperationException("Exercise 2.3: implement RouteTable.replace");
    }

    /**
     * Removes the route to exactly {@code destination} (not the routes inside it, not one that contains it).
     *
     * @return the route removed, if there was one
     * @throws IllegalArgumentException if {@code destination} is null
     */
    public Optional<Route> remove(Cidr destination) {
        throw new UnsupportedOperationException("Exercise 2.3: implement RouteTable.remove");
    }

    /**
     * The route to exactly {@code destination}, if the table has one.
     *
     * @throws IllegalArgumentException if {@code destination} is null
     */
    public Optional<Route> get(Cidr destination) {
        throw new UnsupportedOperationException("Exercise 2.3: implement RouteTable.get");
    }

    /**
     * The longest-prefix match for {@code address}.
     *
     * @return the most specific route that covers the address, or empty if none does
     * @throws IllegalArgumentException if {@code address} is null
     */
    public Optional<Route> lookup(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 2.3: implement RouteTable.lookup");
    }

    /** Every route, by destination in {@link Cidr}'s order; unmodifiable. */
    public List<Route> routes() {
        throw new UnsupportedOperationException("Exercise 2.3: implement RouteTable.routes");
    }

    /** How many routes the table holds. */
    public int size() {
        throw new UnsupportedOperationException("Exercise 2.3: implement RouteTable.size");
    }
}
