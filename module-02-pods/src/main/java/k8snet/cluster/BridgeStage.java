package k8snet.cluster;

import java.util.Optional;
import java.util.function.Supplier;

import k8snet.link.Forwarding;
import k8snet.link.MacAddress;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.trace.Place;

/**
 * The bridge step of a packet's walk: a pod's frame leaves through its veth pair into its node's bridge (or the
 * node's root namespace sends out of the bridge), and the learning bridge carries it up to the node's IP layer
 * or out of a port to another pod.
 */
final class BridgeStage {

    private BridgeStage() {
    }

    /** A pod's namespace sends out of its eth0: ARP on the bridge, the veth pair, then the bridge. */
    static Optional<NetworkNamespace> fromPod(InFlight p, NetworkNamespace ns, RouteDecision.Via via) {
        Pod pod = p.sender != null && p.sender.namespace() == ns ? p.sender : p.nodeOf(ns).podNamed(ns.name());
        if (pod == null) {
            throw new IllegalStateException("No pod " + ns.name() + " on " + ns.node());
        }
        Node node = pod.node();
        Place out = ns.place().device(via.device().name());
        MacAddress self = ns.mac(via.device().name()).orElseThrow();
        Optional<MacAddress> mac = ArpStage.resolve(p, ns, out, via.nextHop(),
                ArpStage.bridgeSegment(node, pod.hostPort(), self));
        if (mac.isEmpty()) {
            return Optional.empty();
        }
        Place hostEnd = Place.host(node.name()).device(pod.hostPort());
        MacAddress next = mac.get();
        p.add(Hop.lazyMoving(out, "veth", Action.FORWARDED, () -> "frame " + self + " -> " + next + " out "
                + out.device() + ", through the veth pair to " + hostEnd.device() + " in " + hostEnd.host()
                + "'s root namespace", p.headers, hostEnd));
        return bridge(p, node, pod.hostPort(), self, mac.get());
    }

    /** A frame reaches a bridge from {@code inPort}; the bridge decides where it goes. */
    static Optional<NetworkNamespace> bridge(InFlight p, Node node, String inPort, MacAddress source,
            MacAddress destination) {
        Place at = Place.host(node.name()).device(Node.BRIDGE);
        Forwarding f = node.bridge().receive(inPort, source, destination);
        if (f instanceof Forwarding.Up) {
            String name = node.name();
            p.add(Hop.lazyMoving(at, "bridge", Action.BRIDGED, () -> "frame for " + Node.BRIDGE + "'s own MAC "
                    + destination + ": up to " + name + "'s IP layer", p.headers, at));
            return p.enter(node, node.root());
        }
        boolean betweenPods = !inPort.equals(Node.BRIDGE);
        if (f instanceof Forwarding.ToPort to) {
            if (betweenPods && !NetfilterStage.bridgedHooks(p, node, at)) {
                return Optional.empty();
            }
            String port = to.port();
            return toPod(p, node, at, port, () -> destination + " is behind " + port + " (learned)");
        }
        if (f instanceof Forwarding.Flood flood) {
            if (betweenPods && !NetfilterStage.bridgedHooks(p, node, at)) {
                return Optional.empty();
            }
            for (String port : flood.ports()) {
                Optional<Pod> pod = node.podOnPort(port);
                if (pod.isPresent() && pod.get().namespace().mac("eth0").orElseThrow().equals(destination)) {
                    int ports = flood.ports().size();
                    String taker = pod.get().name();
                    return toPod(p, node, at, port, () -> destination + " not learned yet: flooded to " + ports
                            + " port(s), " + taker + " took it");
                }
            }
            p.finished = p.drop(at, "bridge", Action.DROPPED, "no station on " + Node.BRIDGE + " has MAC "
                    + destination + " (flooded to " + flood.ports() + ")");
            return Optional.empty();
        }
        p.finished = p.drop(at, "bridge", Action.DROPPED, "frame for " + destination + " came in on the port it is "
                + "behind, " + inPort + ": filtered");
        return Optional.empty();
    }

    /** The bridge sends the frame out {@code port} to its pod; {@code why} says how it chose the port. */
    private static Optional<NetworkNamespace> toPod(InFlight p, Node node, Place at, String port,
            Supplier<String> why) {
        Pod pod = node.podOnPort(port).orElseThrow(
                () -> new IllegalStateException("Bridge port " + port + " of " + node.name() + " has no pod"));
        String name = pod.name();
        p.add(Hop.lazyMoving(at, "bridge", Action.BRIDGED, () -> why.get() + ": out " + port + " to " + name
                + "'s eth0", p.headers, pod.namespace().place().device("eth0")));
        return p.enter(node, pod.namespace());
    }
}
