package k8snet.cluster;

import java.util.Optional;

import k8snet.host.Interface;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.link.MacAddress;
import k8snet.link.Resolution;
import k8snet.link.Segment;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.trace.Place;

/**
 * The ARP step of a packet's walk: a namespace's neighbour table finds the next hop's MAC, asking the segment
 * behind the outgoing device on a miss (a node's bridge, the node network, or nobody on a VXLAN device, whose
 * neighbour entries the agent writes). The request and any reply become hops.
 */
final class ArpStage {

    private ArpStage() {
    }

    /** Finds the next hop's MAC in {@code ns}'s neighbour table, with the ARP hops it takes; empty if none answers. */
    static Optional<MacAddress> resolve(InFlight p, NetworkNamespace ns, Place out, Ipv4Address nextHop,
            Segment segment) {
        Resolution r = ns.neighbours().resolve(nextHop, segment);
        if (r instanceof Resolution.Cached c) {
            p.add(Hop.lazy(out, "arp", Action.ARP_CACHED, () -> nextHop + " is at " + c.mac() + " ("
                    + (c.permanent() ? "permanent entry" : "neighbour table") + ", no ARP request)", p.headers));
            return Optional.of(c.mac());
        }
        Ipv4Address self = ns.interfaceNamed(out.device()).map(Interface::address).orElse(Ipv4Address.ANY);
        String on = segment.name();
        p.add(Hop.lazy(out, "arp", Action.ARP_REQUEST, () -> "who has " + nextHop + "? tell " + self
                + " (broadcast on " + on + ")", p.headers));
        if (r instanceof Resolution.Replied replied) {
            p.add(Hop.lazy(out, "arp", Action.ARP_REPLY, () -> nextHop + " is at " + replied.mac()
                    + " (reply cached)", p.headers));
            return Optional.of(replied.mac());
        }
        p.finished = p.drop(out, "arp", Action.NO_NEIGHBOUR, "no answer to ARP for " + nextHop + " on "
                + segment.name() + ": no station there has that address");
        return Optional.empty();
    }

    /**
     * A node's bridge as ARP sees it. The request and the reply are frames through the bridge, so they teach
     * it where the asker and the owner are, as on a real bridge.
     */
    static Segment bridgeSegment(Node node, String askerPort, MacAddress asker) {
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

    /** The node network {@code subnet} as ARP sees it: its router and the nodes on it answer. */
    static Segment wire(PodNetwork net, Cidr subnet) {
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

    /** A VXLAN device as ARP sees it: nobody answers there. */
    static Segment noArp(String device) {
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
}
