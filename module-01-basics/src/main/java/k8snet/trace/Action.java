package k8snet.trace;

/**
 * What a hop did with the packet: the closed vocabulary every trace of the course is written in, from
 * module 1's socket lookup to module 4's load balancer. A test asserts on these (that a DNAT happened, that
 * the packet was dropped for want of a route) instead of searching the decision text.
 *
 * <p>Some actions end a trace ({@link #isTerminal()}): nothing can follow a delivery or a drop. Some carry the
 * packet to another place ({@link #moves()}): the hop names where it went, and the next hop must happen
 * there. The rest act where the packet is (a lookup, a rewrite) and the next hop happens at the same place.
 * {@link #NOTE} is for hops written without a type (module 1's send): traces check nothing about them.
 */
public enum Action {
    /** An untyped hop: only its text says what happened. */
    NOTE(false, false),
    /** An application handed a message to its network stack. */
    SENT(false, false),
    /** A name was turned into an address (DNS), or found to be an address already. */
    RESOLVED(false, false),
    /** A route was chosen for the destination (the routing table's answer). */
    ROUTED(false, false),
    /** An ARP request was broadcast on a segment ("who has 10.244.1.1?"). */
    ARP_REQUEST(false, false),
    /** The owner of an address answered with its MAC address, and the answer was cached. */
    ARP_REPLY(false, false),
    /** A next hop's MAC address came from the neighbour table without asking. */
    ARP_CACHED(false, false),
    /** The packet left over a link (a veth pair, a bridge port, a wire) to the place the hop names. */
    FORWARDED(false, true),
    /** A bridge passed the frame on, to one of its ports or up to its own namespace. */
    BRIDGED(false, true),
    /** The packet was wrapped in an outer header (VXLAN) and sent to the place the hop names. */
    ENCAPSULATED(false, true),
    /** The outer header was removed; the inner packet goes on from here. */
    DECAPSULATED(false, false),
    /** The destination address (and port) was rewritten, as kube-proxy does for a Service. */
    DNAT(false, false),
    /** The source address (and port) was rewritten, as a node does for external traffic. */
    SNAT(false, false),
    /** Connection tracking found the packet's flow, or recorded a new one. */
    CONNTRACK(false, false),
    /** A load balancer or ingress controller chose a backend. */
    BALANCED(false, false),
    /** A policy allowed the packet. */
    ALLOWED(false, false),
    /** An application took the message: the end of a successful send. */
    DELIVERED(true, false),
    /** Nothing listened on the port, or a rule rejected the packet; the sender sees "connection refused". */
    REFUSED(true, false),
    /** A name did not resolve. */
    UNKNOWN_HOST(true, false),
    /** No route in the table covers the destination. */
    NO_ROUTE(true, false),
    /** No one on the segment answered ARP for the next hop. */
    NO_NEIGHBOUR(true, false),
    /** The packet is larger than the path's MTU and may not be fragmented. */
    TOO_BIG(true, false),
    /** A network policy denied the packet. */
    DENIED(true, false),
    /** The packet was discarded for another reason, which the decision text gives. */
    DROPPED(true, false);

    private final boolean terminal;
    private final boolean moves;

    Action(boolean terminal, boolean moves) {
        this.terminal = terminal;
        this.moves = moves;
    }

    /** True if nothing can follow this hop in a trace. */
    public boolean isTerminal() {
        return terminal;
    }

    /** True if this hop carries the packet to another place, which the hop names. */
    public boolean moves() {
        return moves;
    }
}
