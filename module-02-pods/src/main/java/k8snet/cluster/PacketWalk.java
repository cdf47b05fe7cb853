package k8snet.cluster;

import java.util.List;
import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.link.MacAddress;
import k8snet.net.Delivery;
import k8snet.net.Destination;
import k8snet.overlay.VxlanDevice;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * One packet's way through a {@link PodNetwork}, hop by hop: the namespace it is in decides a route, ARP finds
 * the next hop's MAC, the frame crosses a veth pair, a bridge or the node network, and the next namespace
 * decides again, until an application takes it or a hop drops it. Every step adds a typed {@link Hop} with the
 * packet's headers as they left it. Module 2's exercises are the decisions (route tables, neighbour tables,
 * bridges, agents, VXLAN); this class only strings them together, so modules 3 and 4 add their own steps
 * (kube-proxy, policies) at the root namespace without copying it.
 *
 * <p>This class is the walk's entry points and its loop from namespace to namespace; each step on the way is a
 * stage of its own ({@link NetfilterStage}, {@link ArpStage}, {@link BridgeStage}, {@link NodeNetworkStage},
 * {@link VxlanStage}, {@link SocketStage}), moving the one {@link InFlight} packet of this walk.
 */
final class PacketWalk {

    static final int FIRST_EPHEMERAL = 49152;
    static final int LAST_EPHEMERAL = 65535;

    private final PodNetwork net;
    private final InFlight p;

    PacketWalk(PodNetwork net) {
        this.net = net;
        this.p = new InFlight(net);
    }

    /** The pod whose namespace sends. */
    PacketWalk from(Pod pod) {
        p.sender = pod;
        p.node = pod == null ? null : pod.node();
        return this;
    }

    /** Hops that happened in the sender before its packet left (a name lookup), to open the trace with. */
    PacketWalk after(List<Hop> before) {
        before.forEach(p::add);
        return this;
    }

    Delivery send(NetworkNamespace from, Protocol protocol, String destination, String payload) {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(destination, "destination");
        p.payload = Require.nonNull(payload, "payload");
        Destination target = Destination.parse(destination);
        Place here = from.place();
        SocketAddress unresolved = new SocketAddress(Ipv4Address.ANY, target.port());
        Ipv4Address address = addressOrNull(target.host());
        if (address == null) {
            Headers none = Headers.of(protocol, new SocketAddress(Ipv4Address.ANY, target.port()), unresolved);
            String why = target.host() + " is a name, and this model has no DNS yet: a pod sends to an address "
                    + "(cluster DNS comes in module 4)";
            p.add(Hop.of(here, "dns", Action.UNKNOWN_HOST, why, none));
            return new Delivery.Dropped(unresolved, why, p.trace.build());
        }
        return send(from, protocol, new SocketAddress(address, target.port()), payload);
    }

    /** {@link #send(NetworkNamespace, Protocol, String, String)} to a destination already parsed. */
    Delivery send(NetworkNamespace from, Protocol protocol, SocketAddress to, String payload) {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(to, "destination");
        p.payload = Require.nonNull(payload, "payload");
        RouteDecision first = from.route(to.address());
        Ipv4Address source = Ipv4Address.ANY;
        if (first instanceof RouteDecision.Local) {
            source = to.address().isLoopback() ? Ipv4Address.LOCALHOST : to.address();
        } else if (first instanceof RouteDecision.Via via) {
            source = via.device().address();
        }
        return start(from, Headers.of(protocol, new SocketAddress(source, net.nextPort()), to), "", first);
    }

    /** A destination host's address, or null if it is a name (parsed once: isValid and parse would parse twice). */
    private static Ipv4Address addressOrNull(String host) {
        try {
            return Ipv4Address.parse(host);
        } catch (IllegalArgumentException isAName) {
            return null;
        }
    }

    /** A packet from a host on the internet: it reaches the cluster through the node network's router. */
    Delivery send(ExternalHost from, Protocol protocol, String destination, String payload) {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(destination, "destination");
        p.payload = Require.nonNull(payload, "payload");
        Destination target = Destination.parse(destination);
        Ipv4Address address = addressOrNull(target.host());
        if (address == null) {
            SocketAddress unresolved = new SocketAddress(Ipv4Address.ANY, target.port());
            String why = target.host() + " is a name: resolve it first (module 4's cluster DNS, or the internet's)";
            p.add(Hop.of(from.place(), "dns", Action.UNKNOWN_HOST, why, Headers.of(protocol, unresolved,
                    unresolved)));
            return new Delivery.Dropped(unresolved, why, p.trace.build());
        }
        SocketAddress to = new SocketAddress(address, target.port());
        return startOutside(from, Headers.of(protocol, new SocketAddress(from.ip(), net.nextPort()), to), "");
    }

    /** The next packet of a flow an external host started. */
    Delivery sendAgain(ExternalHost from, Headers first, String payload) {
        p.payload = Require.nonNull(payload, "payload");
        return startOutside(from, first.outsideTunnel(), "again, on the same flow: ");
    }

    /** An external host answers a packet delivered to it. */
    Delivery reply(ExternalHost server, Headers delivered, Headers clientSent, String payload) {
        p.payload = Require.nonNull(payload, "payload");
        p.expectedReply = clientSent.reversed();
        return startOutside(server, delivered.reversed(), "reply: ");
    }

    private Delivery startOutside(ExternalHost from, Headers sent, String what) {
        p.leave(from.place(), sent, what);
        String router = net.routerName();
        p.add(Hop.lazyMoving(from.place().device("eth0"), "link", Action.FORWARDED, () -> "across the internet to "
                + router + ", in front of the node network", p.headers, Place.host(router)));
        return fromRouter();
    }

    /** A packet from another network, handed over by the internet: it goes on at this network's router. */
    Delivery arrive(Crossing packet) {
        packet.hops().forEach(p::add);
        p.payload = packet.payload();
        p.headers = packet.headers();
        p.size = packet.size();
        p.ttl = packet.ttl();
        p.expectedReply = packet.replyTo().orElse(null);
        String router = net.routerName();
        Ipv4Address dst = p.headers.destination().address();
        p.add(Hop.lazyMoving(Place.host("internet"), "link", Action.FORWARDED, () -> "across the internet to "
                + router + ", which has " + dst, p.headers, Place.host(router)));
        return fromRouter();
    }

    /** The walk from the node network's router on, for a packet that came from outside. */
    private Delivery fromRouter() {
        Optional<NetworkNamespace> next = NodeNetworkStage.routerForwards(p);
        if (next.isEmpty()) {
            return p.finished;
        }
        NetworkNamespace ns = next.get();
        RouteDecision d = arrive(ns);
        return d == null ? p.finished : walk(ns, d);
    }

    /** Another packet of a flow whose first packet left {@code from} with {@code first}: the same five-tuple. */
    Delivery sendAgain(NetworkNamespace from, Headers first, String payload) {
        p.payload = Require.nonNull(payload, "payload");
        return start(from, first.outsideTunnel(), "again, on the same flow: ", from.route(first.destination().address()));
    }

    /**
     * The answer to a delivered packet: it leaves {@code server} with the delivered headers reversed and is taken
     * only by the socket that sent {@code clientSent}, which expects the answer to come from where it sent to.
     */
    Delivery reply(NetworkNamespace server, Headers delivered, Headers clientSent, String payload) {
        p.payload = Require.nonNull(payload, "payload");
        p.expectedReply = clientSent.reversed();
        Headers back = delivered.reversed();
        return start(server, back, "reply: ", server.route(back.destination().address()));
    }

    private Delivery start(NetworkNamespace from, Headers sent, String what, RouteDecision first) {
        p.leave(from.place(), sent, what);
        if (from.isRoot() && !(first instanceof RouteDecision.Local)) {
            first = NetfilterStage.hooked(p, from);
            if (first == null) {
                return p.finished;
            }
        }
        return walk(from, first);
    }

    /** Follows the packet from namespace to namespace; {@code decision} is {@code ns}'s route for it. */
    private Delivery walk(NetworkNamespace ns, RouteDecision decision) {
        while (true) {
            Ipv4Address dst = p.headers.destination().address();
            Place here = ns.place();
            if (decision instanceof RouteDecision.Local local) {
                return SocketStage.deliver(p, ns, local.device());
            }
            if (decision instanceof RouteDecision.Unreachable u) {
                return p.drop(here, "route", Action.NO_ROUTE, u.reason());
            }
            RouteDecision.Via via = (RouteDecision.Via) decision;
            String device = via.device().name();
            Place out = here.device(device);
            p.add(Hop.lazy(out, "route", Action.ROUTED, () -> (via.route().isConnected()
                    ? dst + " is on-link on " + device : dst + " via " + via.nextHop() + " dev " + device)
                    + " (route: " + via.route() + ")", p.headers));
            int mtu = mtuOf(ns, device);
            if (p.size > mtu) {
                return p.drop(out, "route", Action.TOO_BIG, "a " + p.size + "-byte packet does not fit " + device
                        + "'s MTU of " + mtu + " and may not be fragmented (the sender gets 'message too long')");
            }
            Optional<NetworkNamespace> next = ns.isRoot() ? fromRoot(ns, via) : BridgeStage.fromPod(p, ns, via);
            if (next.isEmpty()) {
                return p.finished;
            }
            ns = next.get();
            decision = arrive(ns);
            if (decision == null) {
                return p.finished;
            }
        }
    }

    /**
     * A packet arrives in a namespace: a pod keeps it or drops it; a node runs its hooks, then keeps it or
     * forwards it (ip_forward on). Null if a hook stopped it.
     */
    private RouteDecision arrive(NetworkNamespace ns) {
        RouteDecision d = ns.isRoot() ? NetfilterStage.hooked(p, ns) : ns.route(p.headers.destination().address());
        if (d == null) {
            return null;
        }
        if (!ns.isRoot() && !(d instanceof RouteDecision.Local)) {
            return new RouteDecision.Unreachable(p.headers.destination().address() + " is not " + ns.name()
                    + "'s address, and a pod does not forward packets");
        }
        if (ns.isRoot() && !(d instanceof RouteDecision.Local)) {
            p.ttl--;
            if (p.ttl == 0) {
                return new RouteDecision.Unreachable("TTL exceeded on " + ns.node() + ": the packet went through "
                        + InFlight.INITIAL_TTL + " hops without arriving (a routing loop?)");
            }
        }
        return d;
    }

    /** A node's root namespace sends out of the device {@code via} names: its bridge, VXLAN device or eth0. */
    private Optional<NetworkNamespace> fromRoot(NetworkNamespace ns, RouteDecision.Via via) {
        Node node = p.nodeOf(ns);
        String device = via.device().name();
        Place out = ns.place().device(device);
        if (device.equals(Node.BRIDGE)) {
            Optional<MacAddress> mac = ArpStage.resolve(p, ns, out, via.nextHop(),
                    ArpStage.bridgeSegment(node, Node.BRIDGE, node.bridge().mac()));
            return mac.flatMap(m -> BridgeStage.bridge(p, node, Node.BRIDGE, node.bridge().mac(), m));
        }
        if (device.equals(VxlanStage.DEVICE) && node.vxlan().isPresent()) {
            return VxlanStage.tunnel(p, node, ns, out, via);
        }
        if (device.equals(Node.UPLINK)) {
            Optional<MacAddress> mac = ArpStage.resolve(p, ns, out, via.nextHop(), ArpStage.wire(net, node.subnet()));
            if (mac.isEmpty()) {
                return Optional.empty();
            }
            MacAddress self = node.mac();
            MacAddress next = mac.get();
            return NodeNetworkStage.overWire(p, node, out, via.nextHop(), () -> "frame " + self + " -> " + next
                    + " out eth0");
        }
        p.finished = p.drop(out, "route", Action.DROPPED, "the model cannot send out of " + device);
        return Optional.empty();
    }

    private int mtuOf(NetworkNamespace ns, String device) {
        if (!ns.isRoot()) {
            return net.podMtu();
        }
        if (device.equals(VxlanStage.DEVICE)) {
            return VxlanDevice.innerMtu(net.underlayMtu());
        }
        if (device.equals(Node.BRIDGE)) {
            return net.podMtu();
        }
        return net.underlayMtu();
    }
}
