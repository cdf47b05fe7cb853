package k8snet.cluster;

import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.link.MacAddress;
import k8snet.overlay.VxlanDevice;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;

/**
 * The VXLAN step of a packet's walk: a node wraps a packet for a remote VTEP (neighbour and FDB entries the
 * agent wrote, 50 bytes more, the node network's MTU) and sends it out of eth0; the node that has the outer
 * destination unwraps it and goes on with the inner packet in its root namespace.
 */
final class VxlanStage {

    /** The name of a node's VXLAN device, as flannel names it. */
    static final String DEVICE = "flannel.1";

    private VxlanStage() {
    }

    /** {@code node}'s root namespace {@code ns} sends out of its VXLAN device by {@code via}. */
    static Optional<NetworkNamespace> tunnel(InFlight p, Node node, NetworkNamespace ns, Place out,
            RouteDecision.Via via) {
        PodNetwork net = p.net;
        VxlanDevice vxlan = node.vxlan().orElseThrow();
        Optional<MacAddress> vtep = ArpStage.resolve(p, ns, out, via.nextHop(), ArpStage.noArp(vxlan.name()));
        if (vtep.isEmpty()) {
            return Optional.empty();
        }
        Optional<Headers> outer = vxlan.encapsulate(p.headers, vtep.get());
        if (outer.isEmpty()) {
            p.finished = p.drop(out, "vxlan", Action.DROPPED, "no forwarding (FDB) entry on " + vxlan.name()
                    + " for VTEP " + vtep.get() + ": the remote node is unknown");
            return Optional.empty();
        }
        p.headers = outer.get();
        p.size += VxlanDevice.OVERHEAD;
        Headers.Tunnel t = p.headers.tunnel().orElseThrow();
        if (p.size > net.underlayMtu()) {
            p.finished = p.drop(out, "vxlan", Action.TOO_BIG, "wrapped in VXLAN the packet is " + p.size
                    + " bytes, more than the node network's MTU of " + net.underlayMtu() + " (pods must use "
                    + (net.underlayMtu() - VxlanDevice.OVERHEAD) + ")");
            return Optional.empty();
        }
        Optional<Node> peer = net.nodeAt(t.destination());
        Ipv4Address wireHop = peer.isPresent() && peer.get().subnet().equals(node.subnet())
                ? t.destination() : PodNetwork.routerOf(node.subnet());
        Place target = wireHop.equals(t.destination()) ? Place.host(peer.get().name()).device(Node.UPLINK)
                : Place.host(net.routerName());
        MacAddress remote = vtep.get();
        int bytes = p.size;
        p.add(Hop.lazyMoving(out, "vxlan", Action.ENCAPSULATED, () -> "wrapped for VTEP " + remote + " (FDB: behind "
                + t.destination() + "): " + t + ", " + bytes + " bytes, out eth0", p.headers, target));
        return wireHop.equals(t.destination()) ? afterWire(p, peer.get()) : NodeNetworkStage.routerForwards(p);
    }

    /** A packet arrives on a node's eth0; a VXLAN packet for this node is unwrapped first. */
    static Optional<NetworkNamespace> afterWire(InFlight p, Node node) {
        if (p.headers.tunnel().isPresent()) {
            Place at = Place.host(node.name()).device(DEVICE);
            if (node.vxlan().isEmpty()) {
                p.finished = p.drop(Place.host(node.name()).device(Node.UPLINK), "vxlan", Action.DROPPED,
                        "a VXLAN packet arrived, but " + node.name() + " has no VXLAN device");
                return Optional.empty();
            }
            VxlanDevice vxlan = node.vxlan().get();
            Headers.Tunnel outer = p.headers.tunnel().get();
            String name = node.name();
            p.headers = vxlan.decapsulate(p.headers);
            p.size -= VxlanDevice.OVERHEAD;
            p.add(Hop.lazy(at, "vxlan", Action.DECAPSULATED, () -> "outer " + outer + " removed; the inner packet "
                    + "goes on in " + name + "'s root namespace", p.headers));
        }
        return p.enter(node, node.root());
    }
}
