package k8snet.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

import k8snet.Require;
import k8snet.host.Application;
import k8snet.host.Dispatch;
import k8snet.host.Host;
import k8snet.host.Interface;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.link.Forwarding;
import k8snet.link.MacAddress;
import k8snet.link.Resolution;
import k8snet.link.Segment;
import k8snet.net.Delivery;
import k8snet.net.Destination;
import k8snet.overlay.VxlanDevice;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.trace.Trace;
import k8snet.transport.Message;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * One packet's way through a {@link PodNetwork}, hop by hop: the namespace it is in decides a route, ARP finds
 * the next hop's MAC, the frame crosses a veth pair, a bridge or the node network, and the next namespace
 * decides again, until an application takes it or a hop drops it. Every step adds a typed {@link Hop} with the
 * packet's headers as they left it. Module 2's exercises are the decisions (route tables, neighbour tables,
 * bridges, agents, VXLAN); this class only strings them together, so modules 3 and 4 add their own steps
 * (kube-proxy, policies) at the root namespace without copying it.
 */
final class PacketWalk {

    static final int FIRST_EPHEMERAL = 49152;
    static final int LAST_EPHEMERAL = 65535;
    static final String VXLAN_DEVICE = "flannel.1";

    /** The IPv4 time to live Linux starts with (net.ipv4.ip_default_ttl). */
    private static final int INITIAL_TTL = 64;
    private static final int IP_HEADER = 20;
    private static final int TCP_HEADER = 20;
    private static final int UDP_HEADER = 8;

    private final PodNetwork net;
    private final Trace.Builder trace = Trace.builder();
    private Headers headers;
    private int size;
    private int ttl = INITIAL_TTL;
    private String payload;
    /** How the send ended, set by the step that ended it. */
    private Delivery finished;
    /** For a reply, the headers the client's socket takes; null for a packet to a listener. */
    private Headers expectedReply;
    /** The pod that sends, when the caller knows it: the walk need not look it up by its namespace. */
    private Pod sender;

    PacketWalk(PodNetwork net) {
        this.net = net;
    }

    /** The pod whose namespace sends. */
    PacketWalk from(Pod pod) {
        this.sender = pod;
        return this;
    }

    /** Hops that happened in the sender before its packet left (a name lookup), to open the trace with. */
    PacketWalk after(java.util.List<Hop> before) {
        before.forEach(trace::add);
        return this;
    }

    Delivery send(NetworkNamespace from, Protocol protocol, String destination, String payload) {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(destination, "destination");
        this.payload = Require.nonNull(payload, "payload");
        Destination target = Destination.parse(destination);
        Place here = from.place();
        SocketAddress unresolved = new SocketAddress(Ipv4Address.ANY, target.port());
        Ipv4Address address = addressOrNull(target.host());
        if (address == null) {
            Headers none = Headers.of(protocol, new SocketAddress(Ipv4Address.ANY, target.port()), unresolved);
            String why = target.host() + " is a name, and this model has no DNS yet: a pod sends to an address "
                    + "(cluster DNS comes in module 4)";
            trace.add(Hop.of(here, "dns", Action.UNKNOWN_HOST, why, none));
            return new Delivery.Dropped(unresolved, why, trace.build());
        }
        SocketAddress to = new SocketAddress(address, target.port());
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
        this.payload = Require.nonNull(payload, "payload");
        Destination target = Destination.parse(destination);
        Ipv4Address address = addressOrNull(target.host());
        if (address == null) {
            SocketAddress unresolved = new SocketAddress(Ipv4Address.ANY, target.port());
            String why = target.host() + " is a name: resolve it first (module 4's cluster DNS, or the internet's)";
            trace.add(Hop.of(from.place(), "dns", Action.UNKNOWN_HOST, why, Headers.of(protocol, unresolved,
                    unresolved)));
            return new Delivery.Dropped(unresolved, why, trace.build());
        }
        SocketAddress to = new SocketAddress(address, target.port());
        return startOutside(from, Headers.of(protocol, new SocketAddress(from.ip(), net.nextPort()), to), "");
    }

    /** The next packet of a flow an external host started. */
    Delivery sendAgain(ExternalHost from, Headers first, String payload) {
        this.payload = Require.nonNull(payload, "payload");
        return startOutside(from, first.outsideTunnel(), "again, on the same flow: ");
    }

    /** An external host answers a packet delivered to it. */
    Delivery reply(ExternalHost server, Headers delivered, Headers clientSent, String payload) {
        this.payload = Require.nonNull(payload, "payload");
        this.expectedReply = clientSent.reversed();
        return startOutside(server, delivered.reversed(), "reply: ");
    }

    private Delivery startOutside(ExternalHost from, Headers sent, String what) {
        leave(from.place(), sent, what);
        String router = net.routerName();
        trace.add(Hop.lazyMoving(from.place().device("eth0"), "link", Action.FORWARDED, () -> "across the internet to "
                + router + ", in front of the node network", headers, Place.host(router)));
        Optional<NetworkNamespace> next = routerForwards();
        if (next.isEmpty()) {
            return finished;
        }
        NetworkNamespace ns = next.get();
        RouteDecision d = arrive(ns);
        return d == null ? finished : walk(ns, d);
    }

    /** A packet from another network, handed over by the internet: it goes on at this network's router. */
    Delivery arrive(Crossing packet) {
        packet.hops().forEach(trace::add);
        this.payload = packet.payload();
        this.headers = packet.headers();
        this.size = packet.size();
        this.ttl = packet.ttl();
        this.expectedReply = packet.replyTo().orElse(null);
        String router = net.routerName();
        Ipv4Address dst = headers.destination().address();
        trace.add(Hop.lazyMoving(Place.host("internet"), "link", Action.FORWARDED, () -> "across the internet to "
                + router + ", which has " + dst, headers, Place.host(router)));
        Optional<NetworkNamespace> next = routerForwards();
        if (next.isEmpty()) {
            return finished;
        }
        NetworkNamespace ns = next.get();
        RouteDecision d = arrive(ns);
        return d == null ? finished : walk(ns, d);
    }

    /** Another packet of a flow whose first packet left {@code from} with {@code first}: the same five-tuple. */
    Delivery sendAgain(NetworkNamespace from, Headers first, String payload) {
        this.payload = Require.nonNull(payload, "payload");
        return start(from, first.outsideTunnel(), "again, on the same flow: ", from.route(first.destination().address()));
    }

    /**
     * The answer to a delivered packet: it leaves {@code server} with the delivered headers reversed and is taken
     * only by the socket that sent {@code clientSent}, which expects the answer to come from where it sent to.
     */
    Delivery reply(NetworkNamespace server, Headers delivered, Headers clientSent, String payload) {
        this.payload = Require.nonNull(payload, "payload");
        this.expectedReply = clientSent.reversed();
        Headers back = delivered.reversed();
        return start(server, back, "reply: ", server.route(back.destination().address()));
    }

    /** The packet leaves the sender at {@code at}: its headers and size, and the SENT hop that opens the walk. */
    private void leave(Place at, Headers sent, String what) {
        headers = sent;
        int bytes = IP_HEADER + (sent.protocol() == Protocol.TCP ? TCP_HEADER : UDP_HEADER)
                + payload.getBytes(StandardCharsets.UTF_8).length;
        size = bytes;
        trace.add(Hop.lazy(at, "app", Action.SENT, () -> what + sent.protocol() + " " + sent.source() + " to "
                + sent.destination() + ", " + bytes + " bytes", headers));
    }

    private Delivery start(NetworkNamespace from, Headers sent, String what, RouteDecision first) {
        leave(from.place(), sent, what);
        if (from.isRoot() && !(first instanceof RouteDecision.Local)) {
            first = hooked(from);
            if (first == null) {
                return finished;
            }
        }
        return walk(from, first);
    }

    /** Follows the packet from namespace to namespace; {@code decision} is {@code ns}'s route for it. */
    private Delivery walk(NetworkNamespace ns, RouteDecision decision) {
        while (true) {
            Ipv4Address dst = headers.destination().address();
            Place here = ns.place();
            if (decision instanceof RouteDecision.Local local) {
                return deliver(ns, local.device());
            }
            if (decision instanceof RouteDecision.Unreachable u) {
                return drop(here, "route", Action.NO_ROUTE, u.reason());
            }
            RouteDecision.Via via = (RouteDecision.Via) decision;
            String device = via.device().name();
            Place out = here.device(device);
            trace.add(Hop.lazy(out, "route", Action.ROUTED, () -> (via.route().isConnected()
                    ? dst + " is on-link on " + device : dst + " via " + via.nextHop() + " dev " + device)
                    + " (route: " + via.route() + ")", headers));
            int mtu = mtuOf(ns, device);
            if (size > mtu) {
                return drop(out, "route", Action.TOO_BIG, "a " + size + "-byte packet does not fit " + device
                        + "'s MTU of " + mtu + " and may not be fragmented (the sender gets 'message too long')");
            }
            Optional<NetworkNamespace> next = ns.isRoot() ? fromRoot(ns, via) : fromPod(ns, via);
            if (next.isEmpty()) {
                return finished;
            }
            ns = next.get();
            decision = arrive(ns);
            if (decision == null) {
                return finished;
            }
        }
    }

    /**
     * Runs the network's hooks on a packet in a root namespace, records their steps and routes the packet as
     * they left it; null (with {@link #finished} set) if a hook stopped it.
     */
    private RouteDecision hooked(NetworkNamespace root) {
        return runHooks(net.node(root.node()), root.place()) ? root.route(headers.destination().address()) : null;
    }

    /**
     * Runs every hook on the packet at {@code at}, a place in {@code node}'s root namespace, and records their
     * steps there; false (with {@link #finished} set) if one stopped the packet.
     */
    private boolean runHooks(Node node, Place at) {
        for (PacketHook hook : net.hooks()) {
            PacketHook.Verdict v = hook.inspect(node, headers);
            if (v == null) {
                throw new IllegalStateException("A packet hook returned null instead of a verdict on " + node.name());
            }
            if (!follow(v, at)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records a hook's steps at {@code at} and takes on the headers they leave; false (with {@link #finished}
     * set: connection refused for a REFUSED step, dropped otherwise) if the hook stopped the packet.
     */
    private boolean follow(PacketHook.Verdict v, Place at) {
        for (PacketHook.Step step : v.steps()) {
            headers = step.headers();
            trace.add(Hop.lazy(at, step.component(), step.action(), step::decision, headers));
        }
        if (v instanceof PacketHook.Verdict.Stop) {
            Hop last = trace.build().last();
            finished = last.action() == Action.REFUSED
                    ? new Delivery.ConnectionRefused(headers.destination(), trace.build())
                    : new Delivery.Dropped(headers.destination(), last.decision(), trace.build());
            return false;
        }
        return true;
    }

    /**
     * A frame between two pods of one bridge crosses no routing, but with bridge netfilter on
     * ({@code net.bridge.bridge-nf-call-iptables = 1}) the hooks see its packet all the same. They may rewrite
     * its source (a reply translated back) or stop it (a policy); they may not send it elsewhere.
     */
    private boolean bridgedHooks(Node node, Place at) {
        if (!net.bridgeNetfilter()) {
            return true;
        }
        SocketAddress before = headers.destination();
        if (!runHooks(node, at)) {
            return false;
        }
        if (!headers.destination().equals(before)) {
            throw new IllegalStateException("A hook changed the destination of a bridged frame from " + before
                    + " to " + headers.destination() + "; the model does not reroute bridged frames");
        }
        return true;
    }

    /**
     * A packet arrives in a namespace: a pod keeps it or drops it; a node runs its hooks, then keeps it or
     * forwards it (ip_forward on). Null if a hook stopped it.
     */
    private RouteDecision arrive(NetworkNamespace ns) {
        RouteDecision d = ns.isRoot() ? hooked(ns) : ns.route(headers.destination().address());
        if (d == null) {
            return null;
        }
        if (!ns.isRoot() && !(d instanceof RouteDecision.Local)) {
            return new RouteDecision.Unreachable(headers.destination().address() + " is not " + ns.name()
                    + "'s address, and a pod does not forward packets");
        }
        if (ns.isRoot() && !(d instanceof RouteDecision.Local)) {
            ttl--;
            if (ttl == 0) {
                return new RouteDecision.Unreachable("TTL exceeded on " + ns.node() + ": the packet went through "
                        + INITIAL_TTL + " hops without arriving (a routing loop?)");
            }
        }
        return d;
    }

    private Optional<NetworkNamespace> fromPod(NetworkNamespace ns, RouteDecision.Via via) {
        Pod pod = sender != null && sender.namespace() == ns ? sender : net.node(ns.node()).podNamed(ns.name());
        if (pod == null) {
            throw new IllegalStateException("No pod " + ns.name() + " on " + ns.node());
        }
        Node node = pod.node();
        Place out = ns.place().device(via.device().name());
        MacAddress self = ns.mac(via.device().name()).orElseThrow();
        Optional<MacAddress> mac = resolve(ns, out, via.nextHop(), bridgeSegment(node, pod.hostPort(), self));
        if (mac.isEmpty()) {
            return Optional.empty();
        }
        Place hostEnd = Place.host(node.name()).device(pod.hostPort());
        MacAddress next = mac.get();
        trace.add(Hop.lazyMoving(out, "veth", Action.FORWARDED, () -> "frame " + self + " -> " + next + " out "
                + out.device() + ", through the veth pair to " + hostEnd.device() + " in " + hostEnd.host()
                + "'s root namespace", headers, hostEnd));
        return bridge(node, pod.hostPort(), self, mac.get());
    }

    private Optional<NetworkNamespace> fromRoot(NetworkNamespace ns, RouteDecision.Via via) {
        Node node = net.node(ns.node());
        String device = via.device().name();
        Place out = ns.place().device(device);
        if (device.equals(Node.BRIDGE)) {
            Optional<MacAddress> mac = resolve(ns, out, via.nextHop(),
                    bridgeSegment(node, Node.BRIDGE, node.bridge().mac()));
            return mac.flatMap(m -> bridge(node, Node.BRIDGE, node.bridge().mac(), m));
        }
        if (device.equals(VXLAN_DEVICE) && node.vxlan().isPresent()) {
            return tunnel(node, ns, out, via);
        }
        if (device.equals(Node.UPLINK)) {
            Optional<MacAddress> mac = resolve(ns, out, via.nextHop(), wire(node.subnet()));
            if (mac.isEmpty()) {
                return Optional.empty();
            }
            MacAddress self = node.mac();
            MacAddress next = mac.get();
            return overWire(node, out, via.nextHop(), () -> "frame " + self + " -> " + next + " out eth0");
        }
        finished = drop(out, "route", Action.DROPPED, "the model cannot send out of " + device);
        return Optional.empty();
    }

    /** A frame reaches a bridge from {@code inPort}; the bridge decides where it goes. */
    private Optional<NetworkNamespace> bridge(Node node, String inPort, MacAddress source, MacAddress destination) {
        Place at = Place.host(node.name()).device(Node.BRIDGE);
        Forwarding f = node.bridge().receive(inPort, source, destination);
        if (f instanceof Forwarding.Up) {
            String name = node.name();
            trace.add(Hop.lazyMoving(at, "bridge", Action.BRIDGED, () -> "frame for " + Node.BRIDGE + "'s own MAC "
                    + destination + ": up to " + name + "'s IP layer", headers, at));
            return Optional.of(node.root());
        }
        boolean betweenPods = !inPort.equals(Node.BRIDGE);
        if (f instanceof Forwarding.ToPort to) {
            if (betweenPods && !bridgedHooks(node, at)) {
                return Optional.empty();
            }
            String port = to.port();
            return toPod(node, at, port, () -> destination + " is behind " + port + " (learned)");
        }
        if (f instanceof Forwarding.Flood flood) {
            if (betweenPods && !bridgedHooks(node, at)) {
                return Optional.empty();
            }
            for (String port : flood.ports()) {
                Optional<Pod> pod = node.podOnPort(port);
                if (pod.isPresent() && pod.get().namespace().mac("eth0").orElseThrow().equals(destination)) {
                    int ports = flood.ports().size();
                    String taker = pod.get().name();
                    return toPod(node, at, port, () -> destination + " not learned yet: flooded to " + ports
                            + " port(s), " + taker + " took it");
                }
            }
            finished = drop(at, "bridge", Action.DROPPED, "no station on " + Node.BRIDGE + " has MAC " + destination
                    + " (flooded to " + flood.ports() + ")");
            return Optional.empty();
        }
        finished = drop(at, "bridge", Action.DROPPED, "frame for " + destination + " came in on the port it is behind, "
                + inPort + ": filtered");
        return Optional.empty();
    }

    /** The bridge sends the frame out {@code port} to its pod; {@code why} says how it chose the port. */
    private Optional<NetworkNamespace> toPod(Node node, Place at, String port, Supplier<String> why) {
        Pod pod = node.podOnPort(port).orElseThrow(
                () -> new IllegalStateException("Bridge port " + port + " of " + node.name() + " has no pod"));
        String name = pod.name();
        trace.add(Hop.lazyMoving(at, "bridge", Action.BRIDGED, () -> why.get() + ": out " + port + " to " + name
                + "'s eth0", headers, pod.namespace().place().device("eth0")));
        return Optional.of(pod.namespace());
    }

    /** A frame leaves a node's eth0 for {@code nextHop} on the node network: a node of the subnet, or its router. */
    private Optional<NetworkNamespace> overWire(Node node, Place out, Ipv4Address nextHop, Supplier<String> frame) {
        Optional<Node> peer = net.nodeAt(nextHop);
        if (peer.isPresent() && net.isNodeDown(peer.get().name())) {
            finished = lost(out, peer.get(), frame.get());
            return Optional.empty();
        }
        Cidr subnet = node.subnet();
        if (peer.isPresent()) {
            String name = peer.get().name();
            trace.add(Hop.lazyMoving(out, "link", Action.FORWARDED, () -> frame.get() + " to " + name + " ("
                    + nextHop + ") on " + subnet, headers, Place.host(name).device(Node.UPLINK)));
            return afterWire(peer.get());
        }
        trace.add(Hop.lazyMoving(out, "link", Action.FORWARDED, () -> frame.get() + " to the router of " + subnet
                + " (" + nextHop + ")", headers, Place.host(net.routerName())));
        return routerForwards();
    }

    /**
     * The node network's router forwards the packet (by its outer destination while it is in a tunnel) to the
     * node that has that address; it knows the node subnets only, so a pod address ends here.
     */
    private Optional<NetworkNamespace> routerForwards() {
        Place router = Place.host(net.routerName());
        if (headers.tunnel().isEmpty()) {
            for (EdgeHook hook : net.edgeHooks()) {
                PacketHook.Verdict v = hook.inspect(headers);
                if (v == null) {
                    throw new IllegalStateException("An edge hook returned null instead of a verdict");
                }
                if (!follow(v, router)) {
                    return Optional.empty();
                }
            }
        }
        Ipv4Address dst = headers.tunnel().map(Headers.Tunnel::destination).orElse(headers.destination().address());
        Optional<Node> owner = net.nodeAt(dst);
        if (owner.isEmpty()) {
            Optional<ExternalHost> outside = headers.tunnel().isEmpty() ? net.externalHostAt(dst) : Optional.empty();
            if (outside.isPresent()) {
                ttl--;
                String name = outside.get().name();
                trace.add(Hop.lazyMoving(router, "route", Action.FORWARDED, () -> dst + " is on the internet: out to "
                        + name, headers, outside.get().place().device("eth0")));
                finished = deliverOutside(outside.get());
                return Optional.empty();
            }
            Optional<Internet> internet = headers.tunnel().isEmpty() && ttl > 1 ? net.internet() : Optional.empty();
            if (internet.isPresent()) {
                ttl--;
                String name = net.routerName();
                trace.add(Hop.lazyMoving(router, "route", Action.FORWARDED, () -> dst + " is in no network of "
                        + name + ": out to the internet", headers, Place.host("internet")));
                Optional<Delivery> carried = internet.get().carry(new Crossing(headers, payload, size, ttl,
                        Optional.ofNullable(expectedReply), trace.build().hops()));
                if (carried == null) {
                    throw new IllegalStateException("The internet returned null instead of a delivery");
                }
                if (carried.isPresent()) {
                    finished = carried.get();
                    return Optional.empty();
                }
                finished = drop(Place.host("internet"), "route", Action.NO_ROUTE, "no route to " + dst
                        + " on the internet: no network and no host has that address");
                return Optional.empty();
            }
            String why = net.podCidrs().clusterCidr().contains(dst)
                    ? "no route to " + dst + " on the node network's router: it knows the node subnets only, not "
                            + "pod addresses"
                    : "no route to " + dst + " on the node network's router: no node and no known host on the "
                            + "internet has that address";
            finished = drop(router, "route", Action.NO_ROUTE, why);
            return Optional.empty();
        }
        if (net.isNodeDown(owner.get().name())) {
            finished = lost(router, owner.get(), "the packet");
            return Optional.empty();
        }
        ttl--;
        Cidr subnet = owner.get().subnet();
        String name = owner.get().name();
        trace.add(Hop.lazyMoving(router, "route", Action.FORWARDED, () -> dst + " is on " + subnet + ": out to "
                + name, headers, Place.host(name).device(Node.UPLINK)));
        return afterWire(owner.get());
    }

    /** A packet reaches a host on the internet: its sockets take it, or, for a reply, its client's connection. */
    private Delivery deliverOutside(ExternalHost host) {
        Place at = host.place().device("eth0");
        Message message = new Message(headers.protocol(), headers.source(), headers.destination(), payload);
        if (expectedReply != null) {
            return deliverReply(host.host(), at, message);
        }
        Dispatch d = host.host().dispatch(message);
        return dispatched(host.host(), at, d, message);
    }

    /** A packet arrives on a node's eth0; a VXLAN packet for this node is unwrapped first. */
    private Optional<NetworkNamespace> afterWire(Node node) {
        if (headers.tunnel().isPresent()) {
            Place at = Place.host(node.name()).device(VXLAN_DEVICE);
            if (node.vxlan().isEmpty()) {
                finished = drop(Place.host(node.name()).device(Node.UPLINK), "vxlan", Action.DROPPED,
                        "a VXLAN packet arrived, but " + node.name() + " has no VXLAN device");
                return Optional.empty();
            }
            VxlanDevice vxlan = node.vxlan().get();
            Headers.Tunnel outer = headers.tunnel().get();
            String name = node.name();
            headers = vxlan.decapsulate(headers);
            size -= VxlanDevice.OVERHEAD;
            trace.add(Hop.lazy(at, "vxlan", Action.DECAPSULATED, () -> "outer " + outer + " removed; the inner packet "
                    + "goes on in " + name + "'s root namespace", headers));
        }
        return Optional.of(node.root());
    }

    private Optional<NetworkNamespace> tunnel(Node node, NetworkNamespace ns, Place out, RouteDecision.Via via) {
        VxlanDevice vxlan = node.vxlan().orElseThrow();
        Optional<MacAddress> vtep = resolve(ns, out, via.nextHop(), noArp(vxlan.name()));
        if (vtep.isEmpty()) {
            return Optional.empty();
        }
        Optional<Headers> outer = vxlan.encapsulate(headers, vtep.get());
        if (outer.isEmpty()) {
            finished = drop(out, "vxlan", Action.DROPPED, "no forwarding (FDB) entry on " + vxlan.name() + " for VTEP "
                    + vtep.get() + ": the remote node is unknown");
            return Optional.empty();
        }
        headers = outer.get();
        size += VxlanDevice.OVERHEAD;
        Headers.Tunnel t = headers.tunnel().orElseThrow();
        if (size > net.underlayMtu()) {
            finished = drop(out, "vxlan", Action.TOO_BIG, "wrapped in VXLAN the packet is " + size + " bytes, more than"
                    + " the node network's MTU of " + net.underlayMtu() + " (pods must use " + (net.underlayMtu()
                    - VxlanDevice.OVERHEAD) + ")");
            return Optional.empty();
        }
        Optional<Node> peer = net.nodeAt(t.destination());
        Ipv4Address wireHop = peer.isPresent() && peer.get().subnet().equals(node.subnet())
                ? t.destination() : PodNetwork.routerOf(node.subnet());
        Place target = wireHop.equals(t.destination()) ? Place.host(peer.get().name()).device(Node.UPLINK)
                : Place.host(net.routerName());
        MacAddress remote = vtep.get();
        int bytes = size;
        trace.add(Hop.lazyMoving(out, "vxlan", Action.ENCAPSULATED, () -> "wrapped for VTEP " + remote + " (FDB: behind "
                + t.destination() + "): " + t + ", " + bytes + " bytes, out eth0", headers, target));
        return wireHop.equals(t.destination()) ? afterWire(peer.get()) : routerForwards();
    }

    /** Finds the next hop's MAC in {@code ns}'s neighbour table, with the ARP hops it takes. */
    private Optional<MacAddress> resolve(NetworkNamespace ns, Place out, Ipv4Address nextHop, Segment segment) {
        Resolution r = ns.neighbours().resolve(nextHop, segment);
        if (r instanceof Resolution.Cached c) {
            trace.add(Hop.lazy(out, "arp", Action.ARP_CACHED, () -> nextHop + " is at " + c.mac() + " ("
                    + (c.permanent() ? "permanent entry" : "neighbour table") + ", no ARP request)", headers));
            return Optional.of(c.mac());
        }
        Ipv4Address self = ns.interfaceNamed(out.device()).map(Interface::address).orElse(Ipv4Address.ANY);
        String on = segment.name();
        trace.add(Hop.lazy(out, "arp", Action.ARP_REQUEST, () -> "who has " + nextHop + "? tell " + self
                + " (broadcast on " + on + ")", headers));
        if (r instanceof Resolution.Replied replied) {
            trace.add(Hop.lazy(out, "arp", Action.ARP_REPLY, () -> nextHop + " is at " + replied.mac()
                    + " (reply cached)", headers));
            return Optional.of(replied.mac());
        }
        finished = drop(out, "arp", Action.NO_NEIGHBOUR, "no answer to ARP for " + nextHop + " on " + segment.name()
                + ": no station there has that address");
        return Optional.empty();
    }

    /**
     * A node's bridge as ARP sees it. The request and the reply are frames through the bridge, so they teach
     * it where the asker and the owner are, as on a real bridge.
     */
    private Segment bridgeSegment(Node node, String askerPort, MacAddress asker) {
        return new Segment() {
            @Override
            public String name() {
                return Node.BRIDGE + " on " + node.name();
            }

            @Override
            public Optional<MacAddress> whoHas(Ipv4Address address) {
                node.bridge().receive(askerPort, asker, MacAddress.BROADCAST);
                if (address.equals(node.ipam().gateway())) {
                    return Optional.of(node.bridge().mac());
                }
                Optional<Pod> owner = node.podAt(address);
                owner.ifPresent(p -> node.bridge().receive(p.hostPort(), MacAddress.forAddress(p.ip()), asker));
                return owner.map(p -> MacAddress.forAddress(p.ip()));
            }
        };
    }

    private Segment wire(Cidr subnet) {
        return new Segment() {
            @Override
            public String name() {
                return "the node network " + subnet;
            }

            @Override
            public Optional<MacAddress> whoHas(Ipv4Address address) {
                if (address.equals(PodNetwork.routerOf(subnet))) {
                    return Optional.of(MacAddress.forAddress(address));
                }
                return net.nodeAt(address).filter(n -> n.subnet().equals(subnet)).map(Node::mac);
            }
        };
    }

    private static Segment noArp(String device) {
        return new Segment() {
            @Override
            public String name() {
                return device + " (a VXLAN device: no ARP here; the agent writes its neighbour entries)";
            }

            @Override
            public Optional<MacAddress> whoHas(Ipv4Address address) {
                return Optional.empty();
            }
        };
    }

    private int mtuOf(NetworkNamespace ns, String device) {
        if (!ns.isRoot()) {
            return net.podMtu();
        }
        if (device.equals(VXLAN_DEVICE)) {
            return VxlanDevice.innerMtu(net.underlayMtu());
        }
        if (device.equals(Node.BRIDGE)) {
            return net.podMtu();
        }
        return net.underlayMtu();
    }

    private Delivery deliver(NetworkNamespace ns, Interface device) {
        Place at = ns.place().device(device.name());
        Message message = new Message(headers.protocol(), headers.source(), headers.destination(), payload);
        if (expectedReply != null) {
            return deliverReply(ns.host(), at, message);
        }
        return dispatched(ns.host(), at, ns.dispatch(message), message);
    }

    private Delivery dispatched(Host host, Place at, Dispatch d, Message message) {
        if (d instanceof Dispatch.Accepted a) {
            Headers got = headers;
            trace.add(Hop.lazy(at, "socket", Action.DELIVERED, () -> got.protocol() + " " + got.destination()
                    + " accepted by " + a.application() + " (listening on " + a.listener() + ")", headers));
            return new Delivery.Delivered(host, a.application(), message, trace.build());
        }
        if (d instanceof Dispatch.Refused r) {
            String answer = headers.protocol() == Protocol.TCP ? "TCP reset (RST)" : "ICMP port unreachable";
            trace.add(Hop.of(at, "socket", Action.REFUSED, "nothing listens on " + headers.protocol() + " "
                    + r.destination() + ": connection refused, answered with " + answer, headers));
            return new Delivery.ConnectionRefused(r.destination(), trace.build());
        }
        return drop(at, "socket", Action.DROPPED, ((Dispatch.Dropped) d).reason());
    }

    /**
     * A reply reaches the client's namespace. The client's socket is connected to where it sent its first
     * packet, so it takes the reply only if the reply comes from there (RFC 9293 section 3.10.7: a segment that
     * matches no connection is answered with a reset).
     */
    private Delivery deliverReply(Host host, Place at, Message message) {
        Headers got = headers.outsideTunnel();
        if (got.equals(expectedReply)) {
            trace.add(Hop.lazy(at, "socket", Action.DELIVERED, () -> "reply from " + got.source() + " taken by the "
                    + "client's connection " + got.destination() + " -> " + got.source(), headers));
            return new Delivery.Delivered(host, new Application("client"), message, trace.build());
        }
        String why = "the reply comes from " + got.source() + " to " + got.destination() + ", but the client's "
                + "connection is " + expectedReply.destination() + " -> " + expectedReply.source()
                + ": no socket matches, so the kernel answers with a reset (was the reply translated back?)";
        return drop(at, "socket", Action.DROPPED, why);
    }

    /** A frame for a node that is down: nothing takes it off the wire. */
    private Delivery lost(Place at, Node dead, String frame) {
        return drop(at, "link", Action.DROPPED, frame + " for " + dead.name() + " (" + dead.ip() + ") is lost: "
                + dead.name() + " is down, nothing answers on the wire");
    }

    private Delivery drop(Place at, String component, Action action, String reason) {
        trace.add(Hop.of(at, component, action, reason, headers));
        return new Delivery.Dropped(headers.destination(), reason, trace.build());
    }
}
