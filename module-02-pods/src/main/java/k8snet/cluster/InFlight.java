package k8snet.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import k8snet.net.Delivery;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.trace.Trace;
import k8snet.transport.Protocol;

/**
 * One packet in flight through a {@link PodNetwork} and the trace of its walk so far: its headers as the last hop
 * left them, its size, its time to live, and, once a stage ended the walk, how it ended. {@link PacketWalk} owns
 * one per send; the stages ({@link NetfilterStage}, {@link ArpStage}, {@link BridgeStage},
 * {@link NodeNetworkStage}, {@link VxlanStage}, {@link SocketStage}) read and move it.
 */
final class InFlight {

    /** The IPv4 time to live Linux starts with (net.ipv4.ip_default_ttl). */
    static final int INITIAL_TTL = 64;
    private static final int IP_HEADER = 20;
    private static final int TCP_HEADER = 20;
    private static final int UDP_HEADER = 8;

    final PodNetwork net;
    final Trace.Builder trace = Trace.builder();
    Headers headers;
    int size;
    int ttl = INITIAL_TTL;
    String payload;
    /** How the send ended, set by the stage that ended it. */
    Delivery finished;
    /** For a reply, the headers the client's socket takes; null for a packet to a listener. */
    Headers expectedReply;
    /** The pod that sends, when the caller knows it: the walk need not look it up by its namespace. */
    Pod sender;
    /**
     * The node whose namespace the packet is in, as the stage that brought it there knew it: each node of the way
     * is looked up by name at most once (a cold hash lookup among thousands of nodes), not at every stage.
     */
    Node node;

    InFlight(PodNetwork net) {
        this.net = net;
    }

    /** The node of {@code ns}: the one the packet is on, or (once) looked up by name. */
    Node nodeOf(NetworkNamespace ns) {
        Node n = node;
        if (n == null || !n.name().equals(ns.node())) {
            n = net.node(ns.node());
            node = n;
        }
        return n;
    }

    /** The packet enters {@code ns}, a namespace of {@code on}; returns {@code ns}, for a stage to hand back. */
    Optional<NetworkNamespace> enter(Node on, NetworkNamespace ns) {
        node = on;
        return Optional.of(ns);
    }

    void add(Hop hop) {
        trace.add(hop);
    }

    /** The packet leaves the sender at {@code at}: its headers and size, and the SENT hop that opens the walk. */
    void leave(Place at, Headers sent, String what) {
        headers = sent;
        int bytes = IP_HEADER + (sent.protocol() == Protocol.TCP ? TCP_HEADER : UDP_HEADER)
                + payload.getBytes(StandardCharsets.UTF_8).length;
        size = bytes;
        trace.add(Hop.lazy(at, "app", Action.SENT, () -> what + sent.protocol() + " " + sent.source() + " to "
                + sent.destination() + ", " + bytes + " bytes", headers));
    }

    /** Ends the walk at {@code at}: a hop with {@code reason}, and the {@link Delivery.Dropped} it makes. */
    Delivery drop(Place at, String component, Action action, String reason) {
        trace.add(Hop.of(at, component, action, reason, headers));
        return new Delivery.Dropped(headers.destination(), reason, trace.build());
    }
}
