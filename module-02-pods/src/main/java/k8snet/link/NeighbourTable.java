package k8snet.link;

import java.util.List;
import java.util.Optional;

import k8snet.ip.Ipv4Address;

/**
 * A namespace's neighbour table (its ARP cache, {@code ip neigh}): which MAC address is behind each IP
 * address it has talked to on a directly attached segment. Before a packet can leave on Ethernet, the sender
 * needs the MAC of the next hop (the destination itself on a connected subnet, otherwise the gateway of the
 * route); the table answers from memory, or ARP asks the segment (RFC 826).
 *
 * <pre>{@code
 * NeighbourTable arp = new NeighbourTable();
 * arp.resolve(gateway, bridgeSegment);   // Replied: an ARP request went out, the bridge answered; now cached
 * arp.resolve(gateway, bridgeSegment);   // Cached: no ARP traffic this time
 * }</pre>
 *
 * <p><b>Exercise 2.4 (part 1).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>At most one entry per IP address. A learned entry ({@link #learn}) replaces an older learned one (the
 *       station may have changed its card), but never a permanent one: an agent's static entry wins over
 *       anything heard on the wire. {@link #addPermanent} replaces whatever was there.</li>
 *   <li>{@link #resolve}: an entry for the address, permanent or learned, is the answer, and the segment is
 *       not asked: ARP traffic happens only on a miss. On a miss, ask the segment once ({@link
 *       Segment#whoHas}, the broadcast request); a reply is learned and returned; no reply is
 *       {@link Resolution.Unanswered} and nothing is cached.</li>
 *   <li>ARP only ever reaches the stations of that one segment: no router forwards an ARP request, which is
 *       why no node learns another node's pods through ARP.</li>
 *   <li>{@code 0.0.0.0} and {@code 255.255.255.255} are never a neighbour: reject them with an
 *       {@link IllegalArgumentException}, as every method rejects null.</li>
 * </ul>
 * This model leaves out entry ageing (Linux marks an entry stale after about 30 s, ip-neighbour(8)).
 */
public final class NeighbourTable {

    /** An empty table. */
    public NeighbourTable() {
        // Exercise 2.4: set up your fields here. (This constructor does not throw UnsupportedOperationException,
        // so that exercise 2.3's namespaces, which each own a table, work before you reach exercise 2.4.)
    }

    /**
     * The entry for {@code address}.
     *
     * @throws IllegalArgumentException if {@code address} is null, 0.0.0.0 or 255.255.255.255
     */
    public Optional<Neighbour> lookup(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 2.4: implement NeighbourTable.lookup");
    }

    /**
     * Records what an ARP reply said, unless a permanent entry holds the address.
     *
     * @return true if the table now maps {@code address} to {@code mac} as a learned entry
     * @throws IllegalArgumentException if an argument is null, or the address is 0.0.0.0 or 255.255.255.255
     */
    public boolean learn(Ipv4Address address, MacAddress mac) {
        throw new UnsupportedOperationException("Exercise 2.4: implement NeighbourTable.learn");
    }

    /**
     * Writes a permanent entry ({@code ip neigh replace ... nud permanent}), replacing any entry for the address.
     *
     * @throws IllegalArgumentException if an argument is null, or the address is 0.0.0.0 or 255.255.255.255
     */
    public void addPermanent(Ipv4Address address, MacAddress mac) {
        throw new UnsupportedOperationException("Exercise 2.4: implement NeighbourTable.addPermanent");
    }

    /**
     * Deletes the entry for {@code address}, permanent or learned.
     *
     * @return true if there was one
     * @throws IllegalArgumentException if {@code address} is null
     */
    public boolean remove(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 2.4: implement NeighbourTable.remove");
    }

    /** Every entry, by address (unsigned order); unmodifiable. */
    public List<Neighbour> entries() {
        throw new UnsupportedOperationException("Exercise 2.4: implement NeighbourTable.entries");
    }

    /**
     * The MAC address of {@code nextHop}, from the table or by asking {@code segment} (see the class doc).
     *
     * @throws IllegalArgumentException if an argument is null, or the address is 0.0.0.0 or 255.255.255.255
     */
    public Resolution resolve(Ipv4Address nextHop, Segment segment) {
        throw new UnsupportedOperationException("Exercise 2.4: implement NeighbourTable.resolve");
    }
}
